package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

import dev.sluice.testing.Http;
import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.TestKafka;

/**
 * README's samples against the packaged application with its default model: the request it shows
 * gives a result with the same fields, JSON types, label, score and model as the sample printed under
 * it (the default model is deterministic), and the score call likewise. A changed result format,
 * score or default model fails here until README says so.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class ReadmeSampleIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSampleResultHasTheShapeScoreAndModelOfARealOne() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        ObjectNode request = (ObjectNode) JSON.readTree(quoted(readme, "/api/requests -H 'Content-Type: application/json' \\\\\\s*-d '"));
        JsonNode sample = JSON.readTree(block(readme, "<!-- sample-result")).get(0);
        String id = request.get("id").asText() + "-" + UUID.randomUUID();
        request.put("id", id);
        Http.operator().contentType(ContentType.JSON).body(request.toString()).post("/api/requests").then().statusCode(202);
        JsonNode real;
        try (TestKafka kafka = TestKafka.connect()) {
            ConsumerRecord<byte[], byte[]> record = await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readAll("sluice.results")
                    .stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id)).findFirst().orElse(null),
                    notNullValue());
            real = JSON.readTree(record.value());
        }
        assertThat(fieldsAndTypes(real)).isEqualTo(fieldsAndTypes(sample));
        for (String field : List.of("label", "score", "model", "source")) {
            assertThat(real.get(field)).as(field).isEqualTo(sample.get(field));
        }
    }

    @Test
    void theSampleScoreAnswerHasTheShapeLabelsScoresAndModelOfARealOne() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String body = quoted(readme, "/api/score -H 'Content-Type: application/json' -d '");
        JsonNode sample = JSON.readTree(block(readme, "<!-- sample-score"));
        JsonNode real = JSON.readTree(Http.operator().contentType(ContentType.JSON).body(body).post("/api/score").then().statusCode(200)
                .extract().asString());
        assertThat(real.size()).isEqualTo(sample.size());
        for (int i = 0; i < real.size(); i++) {
            assertThat(fieldsAndTypes(real.get(i))).isEqualTo(fieldsAndTypes(sample.get(i)));
            assertThat(real.get(i).get("label")).isEqualTo(sample.get(i).get("label"));
            assertThat(real.get(i).get("score")).isEqualTo(sample.get(i).get("score"));
            assertThat(real.get(i).get("model")).isEqualTo(sample.get(i).get("model"));
        }
    }

    /** The JSON of the first fenced block after the marker. */
    private static String block(String readme, String marker) {
        int at = readme.indexOf(marker);
        assertThat(at).as("README marker " + marker).isNotNegative();
        Matcher fenced = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
        assertThat(fenced.find(at)).as("a json block after " + marker).isTrue();
        return fenced.group(1);
    }

    /** The single-quoted body that follows the given command prefix. */
    private static String quoted(String readme, String prefix) {
        Matcher command = Pattern.compile(prefix + "([^']*)'").matcher(readme);
        assertThat(command.find()).as("README command " + prefix).isTrue();
        return command.group(1);
    }

    private static List<String> fieldsAndTypes(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fields().forEachRemaining(field -> out.add(field.getKey() + ":" + field.getValue().getNodeType()));
        return out;
    }
}
