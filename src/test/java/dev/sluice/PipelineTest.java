package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.TestKafka;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class PipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUESTS = 20_000;
    private static final int KEYS = 500;

    @Test
    void everyRequestGetsExactlyOneResultInKeyOrderAndOffsetsAreCommittedToTheEnd() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (TestKafka kafka = TestKafka.connect()) {
            for (int i = 0; i < REQUESTS; i++) {
                String key = "source-" + (i % KEYS);
                String value = "{\"id\":\"" + run + "-" + i + "\",\"text\":\"request " + i + " is " + (i % 2 == 0 ? "great" : "awful")
                        + "\",\"source\":\"" + key + "\",\"timestamp\":" + System.currentTimeMillis() + "}";
                kafka.send(new ProducerRecord<>("sluice.requests", key.getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8)));
            }
            kafka.flush();

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> kafka.committed("sluice", "sluice.requests").equals(kafka.endOffsets("sluice.requests")));

            Map<String, Integer> resultsPerId = new HashMap<>();
            Map<String, List<Long>> requestOffsetsPerKey = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : kafka.readAll("sluice.results")) {
                JsonNode result = parse(record.value());
                String id = result.get("id").asText();
                if (!id.startsWith(run + "-")) {
                    continue;
                }
                resultsPerId.merge(id, 1, Integer::sum);
                assertThat(result.get("label").asText()).isIn("positive", "negative", "neutral");
                assertThat(result.get("score").asDouble()).isBetween(-1.0, 1.0);
                assertThat(result.get("model").asText()).contains("@");
                assertThat(result.get("source").asText()).isEqualTo(new String(record.key(), StandardCharsets.UTF_8));
                requestOffsetsPerKey.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(result.get("offset").asLong());
            }
            assertThat(resultsPerId).hasSize(REQUESTS);
            assertThat(new HashSet<>(resultsPerId.values())).containsExactly(1);
            requestOffsetsPerKey.forEach((key, offsets) -> assertThat(offsets).as("results of key %s", key).isSorted());
        }
    }

    @Test
    void aResultCarriesTheRequestFieldsAndWhereTheRequestWas() {
        String id = "fields-" + UUID.randomUUID();
        try (TestKafka kafka = TestKafka.connect()) {
            String value = "{\"id\":\"" + id + "\",\"text\":\"I love this, it is wonderful!\",\"source\":\"web\",\"priority\":\"high\","
                    + "\"timestamp\":1700000000000,\"metadata\":{\"customer\":42,\"tags\":[\"a\"]},\"ignored\":true}";
            kafka.send(new ProducerRecord<>("sluice.requests", "web".getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)));
            kafka.flush();
            JsonNode result = await().atMost(Duration.ofSeconds(60)).until(() -> findResult(kafka, id), r -> r != null);
            assertThat(result.get("label").asText()).isEqualTo("positive");
            assertThat(result.get("source").asText()).isEqualTo("web");
            assertThat(result.get("priority").asText()).isEqualTo("high");
            assertThat(result.get("requestTimestamp").asLong()).isEqualTo(1_700_000_000_000L);
            assertThat(result.get("metadata")).isEqualTo(parse("{\"customer\":42,\"tags\":[\"a\"]}".getBytes(StandardCharsets.UTF_8)));
            assertThat(result.get("processedAt").asLong()).isGreaterThan(1_700_000_000_000L);
            assertThat(result.has("partition")).isTrue();
            assertThat(result.has("offset")).isTrue();
        }
    }

    private static JsonNode findResult(TestKafka kafka, String id) {
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll("sluice.results")) {
            JsonNode result = parse(record.value());
            seen.add(result.get("id").asText());
            if (id.equals(result.get("id").asText())) {
                return result;
            }
        }
        return null;
    }

    static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
