package dev.sluice.bench;

import java.util.Map;
import java.util.Random;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.sluice.config.SluiceConfig;
import dev.sluice.metrics.CachedWallClock;
import dev.sluice.metrics.SluiceMetrics;
import dev.sluice.record.Label;

/**
 * What sluice's meters cost per acknowledged result (the counters, the end-to-end timer and the four
 * stage timers, exactly the calls the producer's I/O thread makes), on a Prometheus registry with
 * Micrometer's system clock and with {@link CachedWallClock}, alternating 1 s each in one JVM. Prints
 * ns per result for each clock and the ratio per pair.
 * <p>
 * {@code ./mvnw -B -q test-compile exec:exec@bench -Pbench -Dbench.class=dev.sluice.bench.MeterCostBenchmark -Dbench.args="10"}
 * (argument: pairs).
 */
public final class MeterCostBenchmark {

    private static final long ITERATION_NANOS = 1_000_000_000L;

    private MeterCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        CachedWallClock cached = new CachedWallClock();
        SluiceMetrics system = metrics(Clock.SYSTEM);
        SluiceMetrics withCache = metrics(cached);
        long[][] stamps = stamps(4096);
        AlternatingPairs.Result nanos = AlternatingPairs.run(pairs, () -> nanosPerResult(system, stamps),
                () -> nanosPerResult(withCache, stamps));
        System.out.printf("Clock.SYSTEM:     median %.0f ns per result%n", nanos.firstMedian());
        System.out.printf("CachedWallClock:  median %.0f ns per result%n", nanos.secondMedian());
        System.out.printf("cached / system, per pair: %s (%d pairs)%n", nanos.ratioSummary(2), pairs);
        System.exit(0); // The cached clock's ticker is a daemon thread; nothing else to stop.
    }

    private static SluiceMetrics metrics(Clock clock) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new CollectorRegistry(true), clock);
        SluiceConfig config = new SmallRyeConfigBuilder().withMapping(SluiceConfig.class)
                .withConverter(java.time.Duration.class, 200, new DurationConverter()).withDefaultValues(Map.of()).build()
                .getConfigMapping(SluiceConfig.class);
        return new SluiceMetrics(registry, config);
    }

    /** Per result: taken, scoring, scored, released, acknowledged (ns) and request timestamp (ms), spread like a loaded run's. */
    private static long[][] stamps(int results) {
        Random random = new Random(1);
        long[][] stamps = new long[results][];
        for (int i = 0; i < results; i++) {
            long taken = 1_000_000_000L;
            long scoring = taken + (long) (Math.exp(random.nextDouble() * 10) * 1_000);
            long scored = scoring + (long) (Math.exp(random.nextDouble() * 8) * 1_000);
            long released = scored + (long) (Math.exp(random.nextDouble() * 6) * 1_000);
            long acknowledged = released + (long) (Math.exp(random.nextDouble() * 10) * 1_000);
            stamps[i] = new long[]{taken, scoring, scored, released, acknowledged, 1_764_720_000_000L - random.nextInt(200)};
        }
        return stamps;
    }

    private static double nanosPerResult(SluiceMetrics metrics, long[][] stamps) {
        Counter[] sentiment = {metrics.sentimentCounter("source-1", Label.POSITIVE), metrics.sentimentCounter("source-2", Label.NEGATIVE)};
        long results = 0;
        long start = System.nanoTime();
        long end = start + ITERATION_NANOS;
        while (System.nanoTime() < end) {
            for (int i = 0; i < stamps.length; i++) {
                long[] s = stamps[i];
                metrics.processed(i & 7, sentiment[i & 1], s[5], 1_764_720_000_000L);
                metrics.stages(s[0], s[1], s[2], s[3], s[4]);
            }
            results += stamps.length;
        }
        return (System.nanoTime() - start) / (double) results;
    }
}
