package dev.sluice.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sluice.devbroker.EmbeddedKafkaBroker;
import dev.sluice.testing.TestKafka;

/**
 * Exactly-once against at-least-once in one run, default model: (1) throughput draining the same
 * preloaded backlog (each mode its own group and results topic), counted by the group's committed
 * offsets, which is what both modes make durable; (2) end-to-end latency at a fixed request rate, as
 * a downstream {@code read_committed} reader sees it (request timestamp to the result's arrival).
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.bench.DeliveryBenchmark -Dbench.args="300000 2000 1s"}
 * (arguments: backlog requests, paced requests/s for the latency phase, commit interval).
 */
public final class DeliveryBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LATENCY_SECONDS = 20;

    public static void main(String[] args) throws Exception {
        int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        String interval = args.length > 2 ? args[2] : "1s";
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Map.of("num.io.threads", "2", "num.network.threads", "2"))) {
            String bootstrap = broker.bootstrapServers();
            broker.createTopics(12, List.of("sluice.requests", "sluice.retry", "sluice.dlq", "alo.results", "eos.results", "paced.requests",
                    "alo.paced.results", "eos.paced.results"));
            ThroughputBenchmark.preload(bootstrap, backlog);
            System.out.printf("preloaded %,d requests; commit interval %s%n", backlog, interval);
            double alo = drain(bootstrap, backlog, "at-least-once", "alo", interval);
            double eos = drain(bootstrap, backlog, "exactly-once", "eos", interval);
            System.out.printf("throughput at-least-once: %,.0f msg/s%n", alo);
            System.out.printf("throughput exactly-once:  %,.0f msg/s (%.2f x at-least-once)%n", eos, eos / alo);
            Histogram aloLatency = latency(bootstrap, rate, "at-least-once", "alo", interval);
            Histogram eosLatency = latency(bootstrap, rate, "exactly-once", "eos", interval);
            System.out.printf("latency at %,d msg/s, read_committed reader (ms): at-least-once p50 %d p99 %d; exactly-once p50 %d p99 %d%n",
                    rate, aloLatency.getValueAtPercentile(50), aloLatency.getValueAtPercentile(99), eosLatency.getValueAtPercentile(50),
                    eosLatency.getValueAtPercentile(99));
        }
    }

    private static Map<String, String> env(String mode, String name, String interval, String requests) {
        return Map.of("SLUICE_DELIVERY", mode, "SLUICE_GROUP_ID", name + "-" + requests, "SLUICE_TOPICS_REQUESTS", requests,
                "SLUICE_TOPICS_RESULTS", name + (requests.equals("sluice.requests") ? "" : ".paced") + ".results",
                "SLUICE_EXACTLY_ONCE_TRANSACTIONAL_ID", name + "-" + requests, "SLUICE_COMMIT_INTERVAL", interval, "QUARKUS_LOG_LEVEL",
                "WARN");
    }

    /** Steady-state rate of committed input offsets, from 20% of the backlog to all of it. */
    private static double drain(String bootstrap, int backlog, String mode, String name, String interval) throws Exception {
        String group = name + "-sluice.requests";
        try (SluiceChild child = SluiceChild.start(SluiceChild.jar(), bootstrap, env(mode, name, interval, "sluice.requests"));
                TestKafka kafka = new TestKafka(bootstrap)) {
            long[] firstAtAndCommitted = {0, 0};
            // Sampled every 50 ms: the sample rate sets the precision.
            await().alias(mode + ": the whole backlog committed").atMost(Duration.ofMinutes(10)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        long committed = kafka.committed(group, "sluice.requests").values().stream().mapToLong(Long::longValue).sum();
                        if (firstAtAndCommitted[0] == 0 && committed >= backlog * 0.2) {
                            firstAtAndCommitted[0] = System.nanoTime();
                            firstAtAndCommitted[1] = committed;
                        }
                        return committed >= backlog;
                    });
            long committed = kafka.committed(group, "sluice.requests").values().stream().mapToLong(Long::longValue).sum();
            return (committed - firstAtAndCommitted[1]) / ((System.nanoTime() - firstAtAndCommitted[0]) / 1e9);
        }
    }

    /** Sends {@code rate} requests/s for {@value #LATENCY_SECONDS} s and records, per result, arrival minus request time. */
    private static Histogram latency(String bootstrap, int rate, String mode, String name, String interval) throws Exception {
        String results = name + ".paced.results";
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMillis(5), 3);
        try (SluiceChild child = SluiceChild.start(SluiceChild.jar(), bootstrap, env(mode, name, interval, "paced.requests"));
                KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + results, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
                KafkaProducer<byte[], byte[]> producer = BareClients.producer(bootstrap, "lz4")) {
            reader.subscribe(List.of(results));
            while (reader.assignment().isEmpty()) {
                reader.poll(Duration.ofMillis(100));
            }
            // Warm-up: results of the first 5 s of requests are not counted (JIT, first transactions).
            long start = System.currentTimeMillis();
            long warmUntil = start + 5_000;
            Thread feed = PacedFeed.start(producer, "paced.requests", rate, (long) rate * (LATENCY_SECONDS + 5));
            long stopAt = start + TimeUnit.SECONDS.toMillis(LATENCY_SECONDS + 5 + 10);
            while (System.currentTimeMillis() < stopAt) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    JsonNode result = JSON.readTree(record.value());
                    long requested = result.get("requestTimestamp").asLong();
                    if (requested >= warmUntil && requested < start + TimeUnit.SECONDS.toMillis(LATENCY_SECONDS + 5)) {
                        histogram.recordValue(Math.max(0, now - requested));
                    }
                }
            }
            feed.join();
        }
        System.out.printf("%s latency: %,d results measured%n", mode, histogram.getTotalCount());
        return histogram;
    }
}
