package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.sluice.testing.TestKafka;

/**
 * Scaling out and in under load, as KEDA or {@code kubectl scale} does: one instance starts on a
 * backlog, two more join, then leave again (1→2→3→2→1) while requests keep coming. Prints how long
 * a joining instance takes from start to its first partitions and a leaving one from SIGTERM to exit.
 */
class ElasticScaleIT {

    private static final int MAX_IN_FLIGHT = 5000;
    private static final int MAX_POLL_RECORDS = 2000;

    @RegisterExtension
    final BrokerPerTest broker = new BrokerPerTest();
    private TestKafka kafka;

    @BeforeEach
    void connect() {
        kafka = broker.kafka();
    }

    @Test
    void scalingOneTwoThreeTwoOneInAtLeastOnceModeLosesNothing() throws Exception {
        int requests = 120_000;
        scale(requests, id -> {
            Map<String, String> env = new HashMap<>();
            env.put("SLUICE_MODEL_KIND", "lexicon");
            env.put("SLUICE_MAX_IN_FLIGHT", Integer.toString(MAX_IN_FLIGHT));
            return env;
        });
        Map<String, Integer> counts = ResultLedger.countsById(kafka);
        long duplicates = counts.values().stream().mapToLong(c -> c - 1).sum();
        System.out.printf("at-least-once scaling 1-2-3-2-1: %d ids with results, %d duplicates%n", counts.size(), duplicates);
        assertThat(counts).hasSize(requests);
        // Four rebalances, each may hand back at most one instance's in-flight records.
        assertThat(duplicates).isLessThanOrEqualTo(4L * (MAX_IN_FLIGHT + MAX_POLL_RECORDS));
    }

    @Test
    void scalingOneTwoThreeTwoOneInExactlyOnceModeLosesAndRepeatsNothing() throws Exception {
        int requests = 120_000;
        scale(requests, ExactlyOnceIT::exactlyOnce);
        ExactlyOnceIT.assertExactlyOneResultEach(kafka, requests);
    }

    private void scale(int requests, java.util.function.Function<String, Map<String, String>> environment) throws Exception {
        RequestFeed.inBackground(kafka, requests / 4, 0).join(); // A backlog before the first instance starts.
        // Then about 2,500 requests/s, so that every step of the scaling happens while records flow.
        CompletableFuture<Void> producer = RequestFeed.inBackground(kafka, requests - requests / 4, 400, i -> false, requests / 4);
        Deque<SluiceProcess> running = new ArrayDeque<>();
        try {
            running.push(started("it-a", environment));
            awaitResults(requests / 8);
            for (String id : new String[]{"it-b", "it-c"}) {
                long start = System.nanoTime();
                SluiceProcess joining = started(id, environment);
                running.push(joining);
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                        .until(() -> joining.log().contains("assigned [sluice.requests-"));
                System.out.printf("%s: from start to its first partitions %d ms%n", id, (System.nanoTime() - start) / 1_000_000);
                awaitResults(ResultLedger.total(kafka, "sluice.results") + requests / 12);
            }
            for (int i = 0; i < 2; i++) {
                SluiceProcess leaving = running.pop();
                long start = System.nanoTime();
                assertThat(leaving.terminate()).as("exit code after SIGTERM; log:%n%s", leaving.log()).isIn(0, 143);
                System.out.printf("leaving instance: from SIGTERM to exit %d ms%n", (System.nanoTime() - start) / 1_000_000);
                leaving.close();
                awaitResults(ResultLedger.total(kafka, "sluice.results") + requests / 12);
            }
            producer.join();
            ExactlyOnceIT.awaitAllCommitted(kafka);
        } finally {
            for (SluiceProcess process : running) {
                process.close();
            }
        }
    }

    private SluiceProcess started(String id, java.util.function.Function<String, Map<String, String>> environment) throws Exception {
        Map<String, String> env = new HashMap<>(environment.apply(id));
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        env.put("QUARKUS_LOG_CATEGORY__DEV_SLUICE_LIFECYCLE__LEVEL", "INFO"); // "assigned [...]" marks the first partitions.
        return SluiceProcess.start(broker.bootstrap(), env);
    }

    /**
     * Waits until the results topic has grown to {@code atLeast} offsets, or every request is
     * committed: near the end fewer records may be left than a step asks for (in exactly-once mode
     * transaction markers take offsets too, so the earlier steps are reached sooner).
     */
    private void awaitResults(long atLeast) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> ResultLedger.total(kafka, "sluice.results") >= atLeast
                        || kafka.committed("sluice", "sluice.requests").equals(kafka.endOffsets("sluice.requests")));
    }
}
