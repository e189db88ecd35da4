package dev.sluice.ops;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.sluice.testing.Http;
import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.TestKafka;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class OpsApiTest {

    @Test
    void postedRequestsAreScoredAndEveryCounterMovesByWhatWasSent() {
        double processedBefore = metric("sluice_records_processed_total");
        double consumedBefore = metric("sluice_records_consumed_total");
        double positiveBefore = metric("sluice_sentiment_total{label=\"positive\"}");
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(run).append('-').append(i)
                    .append("\",\"text\":\"what a great day\",\"source\":\"ops-test\",\"timestamp\":").append(System.currentTimeMillis())
                    .append('}');
        }
        body.append(']');
        Http.operator().contentType(ContentType.JSON).body(body.toString()).post("/api/requests")
                .then().statusCode(202).body("accepted", is(50)).body("ids", hasItem(run + "-7"));

        await().atMost(Duration.ofSeconds(60)).until(() -> metric("sluice_records_processed_total") - processedBefore >= 50);
        assertThat(metric("sluice_records_processed_total") - processedBefore).isEqualTo(50);
        assertThat(metric("sluice_records_consumed_total") - consumedBefore).isEqualTo(50);
        // The source label is "ops-test", or "other" once 20 sources were seen earlier in the run.
        assertThat(metric("sluice_sentiment_total{label=\"positive\"}") - positiveBefore).isEqualTo(50);
        assertThat(metric("sluice_end_to_end_latency_seconds_count")).isGreaterThanOrEqualTo(50);
        assertThat(metric("sluice_batch_size_count")).isPositive();
        assertThat(metric("sluice_model_loaded")).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedWithAReasonEachAndNothingIsSent() {
        Http.operator().contentType(ContentType.JSON)
                .body("[{\"id\":\"ok\",\"text\":\"fine\"},{\"text\":\"no id\"},{\"id\":\"x\",\"text\":5}]")
                .post("/api/requests").then().statusCode(400)
                .body("errors.size()", is(2))
                .body("errors[0]", containsString("[1] invalid-request: missing required field 'id'"));
    }

    @Test
    void lagComesBackToZeroOnceEverythingIsProcessed() {
        try (TestKafka kafka = TestKafka.connect()) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < 500; i++) {
                kafka.send(new org.apache.kafka.clients.producer.ProducerRecord<>("sluice.requests",
                        ("k" + i).getBytes(StandardCharsets.UTF_8),
                        ("{\"id\":\"" + run + i + "\",\"text\":\"ok\"}").getBytes(StandardCharsets.UTF_8)));
            }
            kafka.flush();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath lag = when().get("/api/consumer/lag").then().statusCode(200).extract().jsonPath();
                assertThat(lag.getLong("totalLag")).isZero();
                assertThat(lag.getList("partitions")).hasSize(KafkaBrokerResource.PARTITIONS);
                Map<Object, Long> committed = new java.util.HashMap<>();
                kafka.committed("sluice", "sluice.requests").forEach((p, o) -> committed.put(p.partition(), o));
                for (Map<String, Object> partition : lag.<Map<String, Object>>getList("partitions")) {
                    assertThat(((Number) partition.get("committed")).longValue()).isEqualTo(committed.get(partition.get("partition")));
                    assertThat(((Number) partition.get("logEnd")).longValue()).isEqualTo(((Number) partition.get("committed")).longValue());
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> metric("sluice_consumer_lag_total") == 0);
        }
    }

    @Test
    void assignmentsListAllTwelvePartitionsAndThisInstanceAsTheOnlyMember() {
        JsonPath assignments = when().get("/api/consumer/assignments").then().statusCode(200).extract().jsonPath();
        assertThat(assignments.getList("partitions", Integer.class)).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 12).boxed().toList());
        assertThat(assignments.getMap("members")).hasSize(1);
    }

    @Test
    void theMappingOfAKeyIsWhereTheDefaultPartitionerPutsIt() {
        String key = "customer-42";
        int expected = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 12;
        given().queryParam("key", key).get("/api/partition-mapping").then().statusCode(200).body("partition", is(expected));
        when().get("/api/partition-mapping").then().statusCode(400);
    }

    @Test
    void partitionDistributionCountsWhatWasProcessedPerPartition() {
        JsonPath distribution = when().get("/api/consumer/partition-distribution").then().statusCode(200).extract().jsonPath();
        Map<String, Integer> processed = distribution.getMap("processed");
        long sum = processed.values().stream().mapToLong(Integer::longValue).sum();
        assertThat(sum).isEqualTo(distribution.getLong("total"));
    }

    @Test
    void theModelEndpointNamesTheModelAndItsEvaluation() {
        when().get("/api/model").then().statusCode(200).body("kind", is("hybrid")).body("loaded", is(true))
                .body("id", containsString("hybrid-softmax@2+")).body("evaluation.'leave-one-out.imdb.strict-accuracy'",
                        is(dev.sluice.inference.EvaluationFigures.read(dev.sluice.inference.hybrid.HybridModel.EVALUATION_RESOURCE)
                                .get("leave-one-out.imdb.strict-accuracy")));
    }

    @Test
    void healthEndpointsAreUp() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Http.management().get("/q/health/ready").then().statusCode(200));
        Http.management().get("/q/health/live").then().statusCode(200);
        Http.management().get("/q/health/started").then().statusCode(200).body("checks.name", hasItem("sluice-model"));
    }

    /** A sample's value from /q/metrics; 0 when absent. The name may carry its labels, in exposition order. */
    static double metric(String sample) {
        String text = Http.management().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            String name = line.substring(0, line.lastIndexOf(' '));
            boolean matches = sample.contains("{")
                    ? name.startsWith(sample.substring(0, sample.indexOf('{')))
                            && List.of(sample.substring(sample.indexOf('{') + 1, sample.length() - 1).split(",")).stream()
                                    .allMatch(name::contains)
                    : name.equals(sample) || name.startsWith(sample + "{");
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? sum : 0;
    }
}
