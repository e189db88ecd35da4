package dev.sluice.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.sluice.testing.TestKafka;

/**
 * {@code sluice.delivery=exactly-once} across process boundaries: the runnable jar in child JVMs
 * against a real broker in this JVM, and every check reads as a downstream reader with
 * {@code isolation.level=read_committed} does.
 */
class ExactlyOnceIT {

    @RegisterExtension
    final BrokerPerTest broker = new BrokerPerTest();
    private TestKafka kafka;

    @BeforeEach
    void connect() {
        kafka = broker.kafka();
    }

    /** An instance in exactly-once mode whose transactional id prefix is {@code id}. */
    static Map<String, String> exactlyOnce(String id) {
        Map<String, String> env = new HashMap<>();
        env.put("SLUICE_DELIVERY", "exactly-once");
        env.put("SLUICE_EXACTLY_ONCE_TRANSACTIONAL_ID", id);
        env.put("SLUICE_MODEL_KIND", "lexicon");
        env.put("SLUICE_MAX_IN_FLIGHT", "5000");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        return env;
    }

    @Test
    void killedThreeTimesMidStreamEveryRequestHasExactlyOneResult() throws Exception {
        int requests = 100_000;
        CompletableFuture<Void> producer = RequestFeed.inBackground(kafka, requests, 0);
        Random random = new Random(17);
        Map<String, String> env = SluiceProcess.withFastCrashDetection(exactlyOnce("it-a"));
        SluiceProcess sluice = SluiceProcess.start(broker.bootstrap(), env);
        try {
            for (double share : new double[]{0.15 + random.nextDouble() * 0.1, 0.4 + random.nextDouble() * 0.1,
                    0.65 + random.nextDouble() * 0.1}) {
                long target = (long) (requests * share);
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                        .until(() -> ResultLedger.total(kafka, "sluice.results") >= target);
                sluice.kill();
                // The same transactional id: the restart fences what the killed instance left open.
                sluice = SluiceProcess.start(broker.bootstrap(), env);
            }
            producer.join();
            awaitAllCommitted(kafka);
        } finally {
            sluice.close();
        }
        assertExactlyOneResultEach(kafka, requests);
    }

    @Test
    void stoppedWithSigtermMidStreamAndRestartedNothingIsRepeated() throws Exception {
        int requests = 40_000;
        CompletableFuture<Void> producer = RequestFeed.inBackground(kafka, requests, 0);
        try (SluiceProcess first = SluiceProcess.start(broker.bootstrap(), exactlyOnce("it-a"))) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ResultLedger.total(kafka, "sluice.results") >= requests / 3);
            assertThat(first.terminate()).as("exit code after SIGTERM; log:%n%s", first.log()).isIn(0, 143);
        }
        producer.join();
        try (SluiceProcess second = SluiceProcess.start(broker.bootstrap(), exactlyOnce("it-a"))) {
            awaitAllCommitted(kafka);
        }
        assertExactlyOneResultEach(kafka, requests);
    }

    @Test
    void aPoisonRequestEndsAsExactlyOneDeadLetterAfterItsRetries() throws Exception {
        int requests = 3_000;
        Map<String, String> env = exactlyOnce("it-a");
        env.put("SLUICE_MODEL_KIND", "simulated");
        env.put("SLUICE_MODEL_SIMULATED_FAIL_WHEN_CONTAINS", RequestFeed.POISON);
        env.put("SLUICE_RETRY_INITIAL_BACKOFF", "50ms");
        env.put("SLUICE_RETRY_MAX_BACKOFF", "200ms");
        env.put("QUARKUS_LOG_CATEGORY__IO_QUARKUS__LEVEL", "INFO"); // The start-up line names the ports.
        RequestFeed.inBackground(kafka, requests, 0, i -> i % 1000 == 7).join();
        try (SluiceProcess sluice = SluiceProcess.start(broker.bootstrap(), env)) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ResultLedger.countsById(kafka, "sluice.dlq", true).size() == 3
                            && ResultLedger.countsById(kafka, "sluice.results", true).size() == requests - 3);
            awaitAllCommitted(kafka);
            int[] ports = await().atMost(Duration.ofSeconds(30)).until(sluice::ports, Objects::nonNull);
            given().port(ports[0]).get("/api/delivery").then().statusCode(200)
                    .body("mode", is("exactly-once"))
                    .body("transactionalIds", contains("it-a-requests", "it-a-retries"))
                    .body("transactionsCommitted", greaterThan(0)).body("transactionsAborted", is(0));
            given().port(ports[1]).get("/q/metrics").then().statusCode(200)
                    .body(containsString("sluice_delivery_mode{mode=\"exactly-once\"} 1.0"))
                    .body(containsString("sluice_transactions_seconds_count"));
        }
        Map<String, Integer> deadLetters = ResultLedger.countsById(kafka, "sluice.dlq", true);
        assertThat(deadLetters).containsOnlyKeys("id-7", "id-1007", "id-2007").allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        Map<String, Integer> results = ResultLedger.countsById(kafka, "sluice.results", true);
        assertThat(results).hasSize(requests - 3).doesNotContainKeys("id-7", "id-1007", "id-2007");
        assertThat(results.values()).allMatch(count -> count == 1);
    }

    @Test
    void anInstanceFencedByASuccessorWithItsTransactionalIdAbortsAndStopsAndItsRecordsEndOnce() throws Exception {
        int requests = 60_000;
        // About 2,500 requests/s for 24 s: the first instance is still sending when its successor starts.
        CompletableFuture<Void> producer = RequestFeed.inBackground(kafka, requests, 400);
        SluiceProcess zombie = SluiceProcess.start(broker.bootstrap(), exactlyOnce("it-a"));
        int late = 0;
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ResultLedger.total(kafka, "sluice.results") >= requests / 4);
            try (SluiceProcess successor = SluiceProcess.start(broker.bootstrap(), exactlyOnce("it-a"))) {
                // The successor's producers fence the first instance's: its open transaction aborts and it stops. An
                // instance learns it is fenced only when it next uses its producer, so requests go on (1,000 over 1,000
                // keys each second) until it stops: on a slow machine the first feed can be over, and the first
                // instance idle, before the successor is up.
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                int exit = -1;
                while (exit == -1 && System.nanoTime() < deadline) {
                    RequestFeed.inBackground(kafka, 1_000, 0, i -> false, requests + late).join();
                    late += 1_000;
                    exit = zombie.awaitExit(1, TimeUnit.SECONDS);
                }
                assertThat(exit).as("exit status of the fenced instance; log:%n%s%nthreads:%n%s", zombie.log(),
                        exit == -1 ? zombie.threadDump() : "(exited)").isEqualTo(3);
                producer.join();
                awaitAllCommitted(kafka);
            }
        } finally {
            zombie.close();
        }
        assertExactlyOneResultEach(kafka, requests + late);
    }

    static void awaitAllCommitted(TestKafka kafka) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> kafka.committed("sluice", "sluice.requests").equals(kafka.endOffsets("sluice.requests")));
    }

    static void assertExactlyOneResultEach(TestKafka kafka, int requests) {
        Map<String, Integer> counts = ResultLedger.countsById(kafka, "sluice.results", true);
        long duplicates = counts.values().stream().mapToLong(c -> c - 1).sum();
        System.out.printf("exactly-once: %d ids with results, %d duplicates for a read_committed reader%n", counts.size(), duplicates);
        assertThat(counts).hasSize(requests);
        assertThat(duplicates).isZero();
    }
}
