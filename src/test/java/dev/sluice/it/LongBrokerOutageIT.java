package dev.sluice.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.sluice.testing.TestKafka;

/**
 * The broker stopped mid-stream for twice the producer's delivery timeout, longer than every
 * producer timeout, and started again on the same ports and data; the packaged jar in a child JVM.
 * Sends fail on every path meanwhile (thrown by {@code send()} after {@code max.block.ms}, failed
 * in the callback after {@code delivery.timeout.ms}); afterwards every request has its result, in
 * the order of its key's requests, none is dead-lettered, readiness was down during the outage and
 * is up after, liveness stayed up, and no worker thread waited inside the producer.
 */
class LongBrokerOutageIT {

    private static final int REQUESTS = 12_000;
    private static final int KEYS = 40;
    private static final long DELIVERY_TIMEOUT_MS = 4_000;
    private static final Pattern RESULT_ID = Pattern.compile("\"id\":\"req-(\\d+)\"");

    @RegisterExtension
    final BrokerPerTest broker = new BrokerPerTest();

    @Test
    void inKeyOrderingNothingIsLostReorderedOrDeadLettered() throws Exception {
        outageWithoutLossOrReordering(Map.of("SLUICE_ORDERING", "key"), false);
    }

    @Test
    void inPartitionOrderingNothingIsLostReorderedOrDeadLettered() throws Exception {
        outageWithoutLossOrReordering(Map.of("SLUICE_ORDERING", "partition"), false);
    }

    @Test
    void inExactlyOnceModeTheInstanceStopsAndItsRestartLosesAndRepeatsNothing() throws Exception {
        outageWithoutLossOrReordering(Map.of("SLUICE_DELIVERY", "exactly-once", "SLUICE_EXACTLY_ONCE_TRANSACTIONAL_ID", "outage-it"), true);
    }

    private void outageWithoutLossOrReordering(Map<String, String> mode, boolean exactlyOnce) throws Exception {
        TestKafka kafka = broker.kafka();
        for (int i = 0; i < REQUESTS; i++) {
            kafka.sendAsync(new ProducerRecord<>("sluice.requests", ("key-" + i % KEYS).getBytes(StandardCharsets.UTF_8),
                    ("{\"id\":\"req-" + i + "\",\"text\":\"request " + i + " was good\"}").getBytes(StandardCharsets.UTF_8)));
        }
        kafka.flush();
        Map<String, String> env = new HashMap<>(mode);
        env.put("SLUICE_MODEL_KIND", "simulated");
        env.put("SLUICE_MODEL_SIMULATED_LATENCY", "40ms");
        env.put("SLUICE_CONCURRENCY", "2");
        env.put("SLUICE_BATCH_MAX_SIZE", "32");
        env.put("SLUICE_RETRY_MAX_BACKOFF", "1s");
        // Acknowledgements slower than scoring: a key's lane releases groups of many records, so a
        // send that fails has later records of its key beside it in flight.
        env.put("SLUICE_PRODUCER_LINGER", "100ms");
        env.put("SLUICE_HEALTH_LAG_REFRESH", "500ms");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        env.put("QUARKUS_LOG_CATEGORY__IO_QUARKUS__LEVEL", "INFO");
        // Every producer timeout well under the outage, so that each failure path is taken.
        env.put("JAVA_TOOL_OPTIONS", "-Dkafka.delivery.timeout.ms=" + DELIVERY_TIMEOUT_MS + " -Dkafka.request.timeout.ms=1500"
                + " -Dkafka.max.block.ms=2000");
        SluiceProcess sluice = SluiceProcess.start(broker.bootstrap(), env);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> sluice.ports() != null);
            int management = sluice.ports()[1];
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> results(kafka, exactlyOnce).size() >= REQUESTS * 3 / 10);
            long stoppedAt = System.nanoTime();
            broker.broker().stop();
            String dump = "";
            try {
                // Past max.block.ms: a send that blocks a worker would show now. In exactly-once mode the
                // instance may already have stopped (fail-stop), which the contract allows.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(
                        () -> !sluice.alive() || given().port(management).get("/q/health/ready").statusCode() == 503);
                if (!exactlyOnce) {
                    dump = sluice.threadDump();
                    given().port(management).get("/q/health/live").then().statusCode(200);
                }
                long outageMs = 2 * DELIVERY_TIMEOUT_MS + 2_000;
                // The broker stays away this long, and all that time an at-least-once instance must stay live.
                Duration rest = Duration.ofMillis(Math.max(1, outageMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt)));
                await().during(rest).atMost(rest.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                        .until(() -> exactlyOnce || given().port(management).get("/q/health/live").statusCode() == 200);
                if (!exactlyOnce) {
                    given().port(management).get("/q/health/live").then().statusCode(200);
                    assertThat(sluice.threadDump()).contains("sluice-workers");
                }
            } finally {
                broker.broker().restart();
            }
            assertThat(workerThreadsInTheProducer(dump)).as("worker threads inside the producer during the outage").isEmpty();
            SluiceProcess running = sluice;
            if (exactlyOnce) {
                // The contract is fail-stop: a failed transaction ends the instance (exit 3) and its restart resumes.
                assertThat(sluice.awaitExit(90, TimeUnit.SECONDS)).isEqualTo(3);
                running = SluiceProcess.start(broker.bootstrap(), env);
            }
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> results(kafka, exactlyOnce).size() >= REQUESTS && allCommitted(kafka));
                SluiceProcess after = running;
                await().atMost(Duration.ofSeconds(60)).until(() -> after.ports() != null
                        && given().port(after.ports()[1]).get("/q/health/ready").statusCode() == 200);
            } finally {
                if (running != sluice) {
                    running.close();
                }
            }
        } finally {
            sluice.close();
        }
        List<ConsumerRecord<byte[], byte[]>> results = results(kafka, exactlyOnce);
        Map<String, List<Integer>> byKey = new HashMap<>();
        Set<Integer> seen = new HashSet<>();
        int duplicates = 0;
        for (ConsumerRecord<byte[], byte[]> result : results) {
            Matcher id = RESULT_ID.matcher(new String(result.value(), StandardCharsets.UTF_8));
            assertThat(id.find()).isTrue();
            int request = Integer.parseInt(id.group(1));
            duplicates += seen.add(request) ? 0 : 1;
            byKey.computeIfAbsent(new String(result.key(), StandardCharsets.UTF_8), k -> new ArrayList<>()).add(request);
        }
        assertThat(seen).as("requests with a result").hasSize(REQUESTS);
        assertThat(kafka.readAll("sluice.dlq", exactlyOnce)).as("good requests dead-lettered").isEmpty();
        if (exactlyOnce) {
            assertThat(duplicates).as("duplicates a read_committed reader sees").isZero();
        }
        List<String> violations = new ArrayList<>();
        byKey.forEach((key, requests) -> {
            for (int i = 1; i < requests.size(); i++) {
                if (requests.get(i) < requests.get(i - 1)) {
                    violations.add(key + ": req-" + requests.get(i) + " after req-" + requests.get(i - 1));
                }
            }
        });
        assertThat(violations).as("per-key order violations (duplicates seen: %d)", duplicates).isEmpty();
    }

    private static List<ConsumerRecord<byte[], byte[]>> results(TestKafka kafka, boolean readCommitted) {
        return kafka.readAll("sluice.results", readCommitted);
    }

    private static boolean allCommitted(TestKafka kafka) {
        return kafka.committed("sluice", "sluice.requests").equals(kafka.endOffsets("sluice.requests"));
    }

    /** The sluice-workers threads whose stack is inside the Kafka producer. */
    static List<String> workerThreadsInTheProducer(String dump) {
        List<String> inside = new ArrayList<>();
        for (String thread : dump.split("\n\n")) {
            if (thread.startsWith("\"sluice-workers") && thread.contains("org.apache.kafka.clients.producer")) {
                inside.add(thread.substring(0, thread.indexOf('\n') < 0 ? thread.length() : thread.indexOf('\n')));
            }
        }
        return inside;
    }
}
