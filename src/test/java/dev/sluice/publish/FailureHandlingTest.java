package dev.sluice.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.sluice.record.DeadLetterHeaders;
import dev.sluice.replay.ReplayReport;
import dev.sluice.testing.Http;
import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.TestKafka;

@QuarkusTest
@TestProfile(SimulatedFaultsProfile.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class FailureHandlingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRecordTheModelAlwaysFailsOnIsRetriedThenDeadLetteredAsProcessingFailedWithItsAttemptCount() {
        String id = "fail-" + UUID.randomUUID();
        try (TestKafka kafka = TestKafka.connect()) {
            send(kafka, "k-" + id, id, "this one is a " + SimulatedFaultsProfile.FAIL);
            ConsumerRecord<byte[], byte[]> deadLetter = await().atMost(Duration.ofSeconds(60)).until(() -> deadLetter(kafka, id),
                    r -> r != null);
            assertThat(DeadLetterHeaders.value(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("processing-failed");
            assertThat(DeadLetterHeaders.value(deadLetter.headers(), DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
            assertThat(DeadLetterHeaders.value(deadLetter.headers(), DeadLetterHeaders.CLASS)).endsWith("SimulatedModelFailure");
            assertThat(DeadLetterHeaders.value(deadLetter.headers(), DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("sluice.requests");
            long first = Long.parseLong(DeadLetterHeaders.value(deadLetter.headers(), DeadLetterHeaders.FIRST_FAILURE_MS));
            long last = Long.parseLong(DeadLetterHeaders.value(deadLetter.headers(), DeadLetterHeaders.LAST_FAILURE_MS));
            assertThat(last).isGreaterThan(first); // Backoff between attempts.
            assertThat(resultIds(kafka)).doesNotContain(id);
        }
    }

    @Test
    void aBatchThatHangsPastTheTimeoutEndsAsTimeout() {
        String id = "hang-" + UUID.randomUUID();
        try (TestKafka kafka = TestKafka.connect()) {
            send(kafka, "k-" + id, id, "this one will " + SimulatedFaultsProfile.HANG);
            ConsumerRecord<byte[], byte[]> deadLetter = await().atMost(Duration.ofSeconds(60)).until(() -> deadLetter(kafka, id),
                    r -> r != null);
            assertThat(DeadLetterHeaders.value(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("timeout");
            assertThat(DeadLetterHeaders.value(deadLetter.headers(), DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
        }
    }

    @Test
    void aPoisonRecordInsideABatchOf64LeavesTheOther63WithResults() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (TestKafka kafka = TestKafka.connect()) {
            for (int i = 0; i < 64; i++) {
                send(kafka, run + "-key-" + i, run + "-" + i, i == 17 ? "bad " + SimulatedFaultsProfile.FAIL : "fine text " + i);
            }
            kafka.flush();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> resultIds(kafka).stream().filter(id -> id.startsWith(run + "-")).count() == 63);
            ConsumerRecord<byte[], byte[]> deadLetter = await().atMost(Duration.ofSeconds(60))
                    .until(() -> deadLetter(kafka, run + "-17"), r -> r != null);
            assertThat(DeadLetterHeaders.value(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("processing-failed");
            assertThat(resultIds(kafka)).doesNotContain(run + "-17");
        }
    }

    @Test
    void replayingADeadLetterWhoseFaultIsGoneProducesItsResult() throws Exception {
        String id = "replay-" + UUID.randomUUID();
        try (TestKafka kafka = TestKafka.connect()) {
            // A dead letter as sluice writes it after a fault that has since been fixed.
            ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>("sluice.dlq", ("k-" + id).getBytes(StandardCharsets.UTF_8),
                    ("{\"id\":\"" + id + "\",\"text\":\"works now\"}").getBytes(StandardCharsets.UTF_8));
            deadLetter.headers().add(DeadLetterHeaders.REASON, "processing-failed".getBytes(StandardCharsets.UTF_8));
            deadLetter.headers().add(DeadLetterHeaders.ATTEMPTS, "3".getBytes(StandardCharsets.UTF_8));
            kafka.sendAndWait(deadLetter);

            ReplayReport report = Http.operator().contentType(ContentType.JSON).body("{\"reason\":\"processing-failed\",\"rescan\":true}")
                    .post("/api/dlq/replay").then().statusCode(200).extract().as(ReplayReport.class);
            assertThat(report.replayed()).isPositive();

            await().atMost(Duration.ofSeconds(60)).until(() -> resultIds(kafka).contains(id));
            List<ConsumerRecord<byte[], byte[]>> replayed = kafka.readAll("sluice.requests").stream()
                    .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id))
                    .filter(r -> r.headers().lastHeader(DeadLetterHeaders.REPLAY_COUNT) != null).toList();
            assertThat(replayed).hasSize(1);
            assertThat(DeadLetterHeaders.value(replayed.get(0).headers(), DeadLetterHeaders.REPLAY_COUNT)).isEqualTo("1");
        }
    }

    @Test
    void aReplayRequestWithAnUnknownReasonIsRejectedWithTheReason() {
        Http.operator().contentType(ContentType.JSON).body("{\"reason\":\"bogus\",\"max\":0}").post("/api/dlq/replay")
                .then().statusCode(400).body("errors.size()", org.hamcrest.Matchers.is(2));
    }

    private static void send(TestKafka kafka, String key, String id, String text) {
        kafka.send(new ProducerRecord<>("sluice.requests", key.getBytes(StandardCharsets.UTF_8),
                ("{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8)));
        kafka.flush();
    }

    private static ConsumerRecord<byte[], byte[]> deadLetter(TestKafka kafka, String id) {
        return kafka.readAll("sluice.dlq").stream().filter(r -> r.value() != null && new String(r.value(), StandardCharsets.UTF_8)
                .contains("\"" + id + "\"")).reduce((a, b) -> b).orElse(null);
    }

    private static Set<String> resultIds(TestKafka kafka) {
        return kafka.readAll("sluice.results").stream().map(r -> {
            try {
                return JSON.readTree(r.value()).get("id").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toSet());
    }
}
