package dev.sluice.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sluice.devbroker.EmbeddedKafkaBroker;

/**
 * Throughput with the simulated model at 20 ms per batch, in {@code unordered} and {@code key}
 * modes at concurrency 64, 256 and 1024, on 12 partitions, next to the bound
 * {@code concurrency x batch size / 20 ms}. One broker, one preloaded topic; each case runs
 * sluice's jar in a child JVM with its own group and results topic.
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.bench.ConcurrencyBenchmark}
 * (arguments: requests per case, batch size).
 */
public final class ConcurrencyBenchmark {

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        List<String> topics = new ArrayList<>(List.of("sluice.requests", "sluice.retry", "sluice.dlq"));
        for (int i = 0; i < 6; i++) {
            topics.add("bench.results." + i);
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(12, topics);
            ThroughputBenchmark.preload(broker.bootstrapServers(), requests);
            System.out.printf("%,d requests, 12 partitions, 1000 keys, batch %d, simulated model 20 ms/batch%n", requests, batch);
            System.out.println("ordering   concurrency   bound msg/s   measured msg/s   measured/bound");
            int run = 0;
            for (String ordering : List.of("unordered", "key")) {
                for (int concurrency : new int[]{64, 256, 1024}) {
                    double bound = concurrency * batch / 0.020;
                    double measured = runCase(broker.bootstrapServers(), requests, ordering, concurrency, batch, run++);
                    System.out.printf("%-10s %11d %13.0f %16.0f %16.2f%n", ordering, concurrency, bound, measured, measured / bound);
                }
            }
        }
    }

    private static double runCase(String bootstrap, int requests, String ordering, int concurrency, int batch, int run) throws Exception {
        File log = File.createTempFile("sluice-concurrency-", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()).redirectErrorStream(true).redirectOutput(log);
        builder.environment().putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "QUARKUS_HTTP_PORT", "0",
                "SLUICE_MODEL_KIND", "simulated", "SLUICE_MODEL_SIMULATED_LATENCY", "20ms", "SLUICE_ORDERING", ordering,
                "SLUICE_CONCURRENCY", Integer.toString(concurrency), "SLUICE_BATCH_MAX_SIZE", Integer.toString(batch),
                "SLUICE_GROUP_ID", "bench-" + run, "SLUICE_TOPICS_RESULTS", "bench.results." + run, "SLUICE_MAX_IN_FLIGHT", "50000"));
        Process process = builder.start();
        try {
            return ThroughputBenchmark.measure(bootstrap, "bench.results." + run, requests);
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            log.delete();
        }
    }
}
