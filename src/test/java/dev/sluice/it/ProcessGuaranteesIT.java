package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.sluice.testing.TestKafka;

/**
 * The guarantees that only show across process boundaries: the service runs as its runnable jar
 * in child JVMs against a real broker in this JVM (a fresh broker per test), and is killed,
 * stopped and joined by a second instance while records flow.
 */
class ProcessGuaranteesIT {

    private static final int MAX_IN_FLIGHT = 5000;
    /** Intake takes a whole poll before it waits for room: the bound is the budget plus one poll. */
    private static final int MAX_POLL_RECORDS = 2000;
    private static final Map<String, String> ENV = Map.of("SLUICE_MAX_IN_FLIGHT", Integer.toString(MAX_IN_FLIGHT),
            "SLUICE_MODEL_KIND", "lexicon", "QUARKUS_LOG_LEVEL", "WARN");

    @RegisterExtension
    final BrokerPerTest broker = new BrokerPerTest();
    private TestKafka kafka;

    @BeforeEach
    void connect() {
        kafka = broker.kafka();
    }

    @Test
    void killedThreeTimesWhileRecordsFlowEveryRequestStillGetsAResultAndDuplicatesStayWithinTheInFlightBound() throws Exception {
        int requests = 200_000;
        CompletableFuture<Void> producer = RequestFeed.inBackground(kafka, requests, 0);
        Random random = new Random(11);
        int kills = 0;
        Map<String, String> env = SluiceProcess.withFastCrashDetection(ENV);
        SluiceProcess sluice = SluiceProcess.start(broker.bootstrap(), env);
        try {
            for (double share : new double[]{0.15 + random.nextDouble() * 0.1, 0.4 + random.nextDouble() * 0.1,
                    0.65 + random.nextDouble() * 0.1}) {
                long target = (long) (requests * share);
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                        .until(() -> ResultLedger.total(kafka, "sluice.results") >= target);
                sluice.kill();
                kills++;
                sluice = SluiceProcess.start(broker.bootstrap(), env);
            }
            producer.join();
            awaitAllCommitted();
        } finally {
            sluice.close();
        }
        Map<String, Integer> counts = ResultLedger.countsById(kafka);
        long duplicates = counts.values().stream().mapToLong(c -> c - 1).sum();
        long bound = (long) kills * (MAX_IN_FLIGHT + MAX_POLL_RECORDS);
        System.out.printf("after %d SIGKILLs: %d ids with results, %d duplicates (bound %d)%n", kills, counts.size(), duplicates, bound);
        assertThat(counts).hasSize(requests);
        assertThat(duplicates).isLessThanOrEqualTo(bound);
    }

    @Test
    void aCleanShutdownMidStreamAndARestartGiveNoDuplicatesAndNoLosses() throws Exception {
        int requests = 100_000;
        CompletableFuture<Void> producer = RequestFeed.inBackground(kafka, requests, 0);
        SluiceProcess first = SluiceProcess.start(broker.bootstrap(), ENV);
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ResultLedger.total(kafka, "sluice.results") >= requests / 3);
            assertThat(first.terminate()).as("exit code after SIGTERM; log:%n%s", first.log()).isIn(0, 143);
        } finally {
            first.close();
        }
        producer.join();
        try (SluiceProcess second = SluiceProcess.start(broker.bootstrap(), ENV)) {
            awaitAllCommitted();
        }
        Map<String, Integer> counts = ResultLedger.countsById(kafka);
        assertThat(counts).hasSize(requests);
        assertThat(counts.values()).allMatch(count -> count == 1);
    }

    @Test
    void aSecondInstanceJoiningAndLeavingMidStreamLosesNothing() throws Exception {
        int requests = 150_000;
        CompletableFuture<Void> producer = RequestFeed.inBackground(kafka, requests, 2);
        try (SluiceProcess first = SluiceProcess.start(broker.bootstrap(), ENV)) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ResultLedger.total(kafka, "sluice.results") >= requests / 5);
            SluiceProcess second = SluiceProcess.start(broker.bootstrap(), ENV);
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                        .until(() -> ResultLedger.total(kafka, "sluice.results") >= requests / 2);
                second.terminate();
            } finally {
                second.close();
            }
            producer.join();
            awaitAllCommitted();
        }
        assertThat(ResultLedger.countsById(kafka)).hasSize(requests);
    }

    @Test
    void startingOnABacklogInUnorderedModeProcessesAllOfIt() throws Exception {
        int requests = 50_000;
        RequestFeed.inBackground(kafka, requests, 0).join(); // The backlog is there before sluice starts.
        Map<String, String> unordered = new java.util.HashMap<>(ENV);
        unordered.put("SLUICE_ORDERING", "unordered");
        try (SluiceProcess sluice = SluiceProcess.start(broker.bootstrap(), unordered)) {
            awaitAllCommitted();
        }
        assertThat(ResultLedger.countsById(kafka)).hasSize(requests);
    }

    private void awaitAllCommitted() {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> kafka.committed("sluice", "sluice.requests").equals(kafka.endOffsets("sluice.requests")));
    }
}
