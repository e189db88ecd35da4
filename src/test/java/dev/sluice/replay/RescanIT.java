package dev.sluice.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.sluice.record.DeadLetterHeaders;
import dev.sluice.testing.Http;
import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.TestKafka;

/**
 * {@code "rescan": true} over dead letters that fail again every time: each chain of replays is
 * replayed from its newest dead letter only, so {@code sluice.dlq.max-replays} bounds it however
 * often an operator rescans (before, every rescan replayed every earlier dead letter again and the
 * count grew without bound).
 */
@QuarkusIntegrationTest
@TestProfile(RescanIT.AlwaysFailing.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class RescanIT {

    private static final String MARKER = "ALWAYS-FAILS";

    public static final class AlwaysFailing implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.model.kind", "simulated", "sluice.model.simulated.fail-when-contains", MARKER,
                    "sluice.retry.max-attempts", "1", "sluice.dlq.max-replays", "2");
        }
    }

    @Test
    void repeatedRescansReplayEachChainAtMostMaxReplaysTimes() {
        try (TestKafka kafka = TestKafka.connect()) {
            for (int i = 0; i < 2; i++) {
                kafka.send(new ProducerRecord<>("sluice.requests", ("k" + i).getBytes(StandardCharsets.UTF_8),
                        ("{\"id\":\"" + UUID.randomUUID() + "\",\"text\":\"" + MARKER + "\"}").getBytes(StandardCharsets.UTF_8)));
            }
            kafka.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readAll("sluice.dlq").size() == 2);
            List<Long> replayedPerRescan = new ArrayList<>();
            for (int rescan = 0; rescan < 5; rescan++) {
                int before = kafka.readAll("sluice.dlq").size();
                ReplayReport report = Http.operator().contentType(ContentType.JSON).body("{\"all\":true,\"rescan\":true}")
                        .post("/api/dlq/replay").then().statusCode(200).extract().as(ReplayReport.class);
                replayedPerRescan.add(report.replayed());
                // Each replayed copy fails again: wait for its dead letter before the next rescan reads the chain.
                await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readAll("sluice.dlq").size() == before + report.replayed());
            }
            assertThat(replayedPerRescan).containsExactly(2L, 2L, 0L, 0L, 0L);
            assertThat(kafka.readAll("sluice.dlq")).hasSize(6)
                    .allSatisfy(letter -> assertThat(DeadLetterHeaders.number(letter.headers(), DeadLetterHeaders.REPLAY_COUNT, 0))
                            .isLessThanOrEqualTo(2));
        }
    }
}
