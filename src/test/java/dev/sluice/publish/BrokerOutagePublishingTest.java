package dev.sluice.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.sluice.testing.Http;
import dev.sluice.testing.OwnKafkaBrokerResource;
import dev.sluice.testing.TestKafka;

/**
 * The broker goes away for longer than the producer's delivery timeout while records are being
 * scored: their sends fail, readiness goes down while liveness stays up, and when the broker comes
 * back every record gets its result, none is dead-lettered, and every offset is committed.
 */
@QuarkusTest
@TestProfile(BrokerOutagePublishingTest.SlowModelShortTimeouts.class)
@QuarkusTestResource(value = OwnKafkaBrokerResource.class, restrictToAnnotatedClass = true)
class BrokerOutagePublishingTest {

    private static final int REQUESTS = 120;

    @Test
    void recordsInFlightWhileTheBrokerIsAwayWaitAndAllGetResultsWhenItReturns() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Http.management().get("/q/health/ready").then().statusCode(200));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> ids = new HashSet<>();
        try (TestKafka kafka = new TestKafka(OwnKafkaBrokerResource.broker().bootstrapServers())) {
            for (int i = 0; i < REQUESTS; i++) {
                String id = run + "-" + i;
                ids.add(id);
                kafka.send(new ProducerRecord<>("sluice.requests", ("k" + i % 10).getBytes(StandardCharsets.UTF_8),
                        ("{\"id\":\"" + id + "\",\"text\":\"fine\"}").getBytes(StandardCharsets.UTF_8)));
            }
            kafka.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> consumed() >= REQUESTS);
            OwnKafkaBrokerResource.broker().stop();
            try {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Http.management().get("/q/health/ready").then().statusCode(503)
                        .body("checks.find { it.name == 'sluice-pipeline' }.data.publishing", org.hamcrest.Matchers.startsWith("failing")));
                Http.management().get("/q/health/live").then().statusCode(200);
            } finally {
                OwnKafkaBrokerResource.broker().restart();
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> TestKafka.ids(kafka.readAll("sluice.results")).containsAll(ids));
            assertThat(kafka.readAll("sluice.dlq")).isEmpty();
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.committed("sluice", "sluice.requests")
                    .equals(kafka.endOffsets("sluice.requests")));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Http.management().get("/q/health/ready").then().statusCode(200));
        }
    }

    private static double consumed() {
        String metrics = Http.management().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("sluice_records_consumed_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** Batches take 1.5 s in the model; the producer gives a send up after three seconds. */
    public static class SlowModelShortTimeouts implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("sluice.model.kind", "simulated"), Map.entry("sluice.model.simulated.latency", "1500ms"),
                    Map.entry("sluice.batch.max-size", "8"), Map.entry("sluice.concurrency", "4"),
                    Map.entry("sluice.batch.timeout", "30s"), Map.entry("sluice.retry.initial-backoff", "100ms"),
                    Map.entry("sluice.retry.max-backoff", "1s"), Map.entry("kafka.request.timeout.ms", "1000"),
                    Map.entry("kafka.delivery.timeout.ms", "3000"), Map.entry("kafka.max.block.ms", "2000"),
                    Map.entry("sluice.health.lag-refresh", "500ms"));
        }
    }

}
