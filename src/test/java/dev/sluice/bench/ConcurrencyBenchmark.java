package dev.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sluice.devbroker.EmbeddedKafkaBroker;

/**
 * Throughput with the simulated model at 20 ms per batch, next to the bound
 * {@code concurrency x batch size / 20 ms}: {@code key} mode at concurrency 32 (the target
 * case), then {@code unordered} and {@code key} at 64 and 256. One broker, one preloaded topic
 * keyed over 2,000 keys; each case runs sluice's jar in a child JVM with its own group and results
 * topic.
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.bench.ConcurrencyBenchmark}
 * (arguments: requests per case, batch size, keys).
 */
public final class ConcurrencyBenchmark {

    private record Case(String ordering, int concurrency) {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int keys = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        List<Case> cases = List.of(new Case("key", 32), new Case("unordered", 64), new Case("key", 64), new Case("unordered", 256),
                new Case("key", 256));
        List<String> topics = new ArrayList<>(List.of("sluice.requests", "sluice.retry", "sluice.dlq"));
        for (int i = 0; i < cases.size(); i++) {
            topics.add("bench.results." + i);
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(12, topics);
            ThroughputBenchmark.preload(broker.bootstrapServers(), requests, keys);
            System.out.printf("%,d requests, 12 partitions, %,d keys, batch %d, simulated model 20 ms/batch (%s)%n", requests, keys, batch,
                    SluiceChild.jar());
            System.out.println("ordering   concurrency   bound msg/s   measured msg/s   measured/bound");
            for (int run = 0; run < cases.size(); run++) {
                Case c = cases.get(run);
                double bound = c.concurrency() * batch / 0.020;
                try (SluiceChild child = SluiceChild.start(SluiceChild.jar(), broker.bootstrapServers(), Map.of("SLUICE_MODEL_KIND",
                        "simulated", "SLUICE_MODEL_SIMULATED_LATENCY", "20ms", "SLUICE_ORDERING", c.ordering(), "SLUICE_CONCURRENCY",
                        Integer.toString(c.concurrency()), "SLUICE_BATCH_MAX_SIZE", Integer.toString(batch), "SLUICE_GROUP_ID",
                        "bench-" + run, "SLUICE_TOPICS_RESULTS", "bench.results." + run, "SLUICE_MAX_IN_FLIGHT", "50000"))) {
                    double measured = ThroughputBenchmark.measure(broker.bootstrapServers(), "bench.results." + run, requests);
                    System.out.printf("%-10s %11d %13.0f %16.0f %16.2f%n", c.ordering(), c.concurrency(), bound, measured,
                            measured / bound);
                }
            }
        }
    }
}
