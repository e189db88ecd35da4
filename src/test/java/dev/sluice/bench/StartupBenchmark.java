package dev.sluice.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sluice.devbroker.EmbeddedKafkaBroker;

/**
 * How fast sluice is ready and how much memory it holds, as a platform engineer sees it: the time
 * from starting the process to {@code /q/health/ready} answering 200, the resident memory (RSS) at
 * that moment, and RSS once N preloaded requests are drained. The runnable jar by default, the
 * native executable with {@code SLUICE_BENCH_JAR=target/sluice-0.1.0-SNAPSHOT-runner}.
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.bench.StartupBenchmark}
 * (arguments: {@code -Dbench.args="hybrid 5 20000"}: model kind, starts, requests drained after the last start).
 */
public final class StartupBenchmark {

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "hybrid";
        int starts = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        System.out.printf("machine: %d cores; sluice: %s, kind=%s%n", Runtime.getRuntime().availableProcessors(), SluiceChild.jar(), kind);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Map.of("num.io.threads", "2", "num.network.threads", "2"))) {
            broker.createTopics(12, List.of("sluice.requests", "sluice.results", "sluice.retry", "sluice.dlq"));
            List<Long> millis = new ArrayList<>();
            for (int i = 1; i <= starts; i++) {
                long started = System.nanoTime();
                try (SluiceChild child = SluiceChild.start(SluiceChild.jar(), broker.bootstrapServers(),
                        Map.of("SLUICE_MODEL_KIND", kind))) {
                    // Polled every 5 ms: the interval is the precision of the figure.
                    await().alias("sluice ready").atMost(Duration.ofMinutes(2)).pollInSameThread().pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(5)).failFast("sluice exited", () -> !child.alive())
                            .until(() -> child.managementStatus("/q/health/ready") == 200);
                    long ready = (System.nanoTime() - started) / 1_000_000;
                    millis.add(ready);
                    System.out.printf("start %d: ready after %,d ms, RSS at ready %,d MiB%n", i, ready, child.residentBytes() >> 20);
                    if (i == starts && requests > 0) {
                        ThroughputBenchmark.preload(broker.bootstrapServers(), requests);
                        ThroughputBenchmark.Measurement drained = ThroughputBenchmark.measure(broker.bootstrapServers(), "sluice.results",
                                requests, child);
                        System.out.printf("drained %,d requests at %,.0f/s; RSS after %,d MiB%n", requests, drained.ratePerSecond(),
                                child.residentBytes() >> 20);
                    }
                }
            }
            System.out.printf("ready after (ms), min/median/max: %d / %d / %d%n", millis.stream().min(Long::compare).orElseThrow(),
                    millis.stream().sorted().toList().get(millis.size() / 2), millis.stream().max(Long::compare).orElseThrow());
        }
    }
}
