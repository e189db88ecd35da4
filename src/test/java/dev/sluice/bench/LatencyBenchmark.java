package dev.sluice.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sluice.devbroker.EmbeddedKafkaBroker;

/**
 * Latency at fractions of the saturated rate, sluice against the bare consume→produce loop, in
 * one run against one embedded broker. First each side's saturated rate, compiled: the backlog drained
 * once to warm up, for sluice (default settings) a wait until its JIT compiler is idle, then a second
 * backlog (preloaded in one transaction, so that sluice sees it whole) drained and measured; then a
 * pass through every rate for both, not measured (a first pass was slowest whatever its rates);
 * then, for each fraction, requests on 1,000 keys sent
 * on a fixed schedule (open loop) for {@code seconds} s, to the bare loop and then to the same
 * sluice, each result's arrival minus its request's timestamp recorded (the first 5 s left out).
 * Prints p50/p90/p99 per rate, p50/p99 per second (so a cliff shows where it starts) and, from
 * sluice's stage histograms over the measured window, where its results waited.
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.bench.LatencyBenchmark -Dbench.args="3000000 10,25,50,75 30"}
 * (arguments: backlog for the saturated rate, preloaded twice, percentages, seconds per phase; {@code SLUICE_BENCH_JAR} and
 * {@code SLUICE_*} variables as for the other benchmarks, e.g. {@code SLUICE_COMMIT_INTERVAL=200ms}).
 */
public final class LatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_UP_SECONDS = 5;
    private static final String WARM_UP_PHASE = "warmup-";
    private static final int WARM_UP_PHASE_SECONDS = 20;

    public static void main(String[] args) throws Exception {
        int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
        int[] percents = java.util.Arrays.stream((args.length > 1 ? args[1] : "10,25,50,75").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        System.out.printf("machine: %d cores, JDK %s; sluice %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), SluiceChild.jar());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Map.of("num.io.threads", "2", "num.network.threads", "2"))) {
            String bootstrap = broker.bootstrapServers();
            List<String> topics = new ArrayList<>(
                    List.of("sluice.requests", "sluice.results", "sluice.retry", "sluice.dlq", "bare.results"));
            for (String phase : phases(percents)) {
                topics.addAll(List.of(requests(phase), results(phase)));
            }
            broker.createTopics(12, topics);
            ThroughputBenchmark.preload(bootstrap, backlog);
            List<String> summary = new ArrayList<>();
            // The bare loop drains the backlog twice, as sluice does below: once to warm this JVM's clients, once measured.
            System.out.printf("bare loop, first drain (warm-up): %,.0f msg/s%n",
                    ThroughputBenchmark.bareLoop(bootstrap, backlog).ratePerSecond());
            // One sluice for every phase, warmed before anything is measured: a fresh JVM fell behind by seconds in its first 15 s.
            try (SluiceChild child = SluiceChild.start(SluiceChild.jar(), bootstrap, Map.of("QUARKUS_LOG_LEVEL", "WARN"))) {
                double cold = ThroughputBenchmark.measure(bootstrap, "sluice.results", backlog, child).ratePerSecond();
                System.out.printf("sluice, first drain (warm-up): %,.0f msg/s%n", cold);
                awaitCompilerQuiet(child);
                // The saturated rate is a compiled sluice's: the first drain's was mostly C1 code's (a quarter of the
                // compiled rate in one run), which put every percentage far below what sluice sustains.
                double saturated = warmSaturated(bootstrap, backlog, child);
                double bareSaturated = ThroughputBenchmark.bareLoop(bootstrap, 2L * backlog, backlog + backlog / 5).ratePerSecond();
                System.out.printf("bare loop saturated (second drain): %,.0f msg/s%n", bareSaturated);
                System.out.printf("sluice saturated (default settings, compiled): %,.0f msg/s (%.2f x the bare loop)%n", saturated,
                        saturated / bareSaturated);
                // Every rate once through both first, not measured: a first pass ran slowest whatever its rates, for the bare
                // loop as much as for sluice. In one run ("10,25,50,75,10") 10 % gave p99 37 / 94 ms (sluice / bare) first
                // and 23 / 26 ms last; one hop alone (HopLatencyProbe) at 2,000/s gave p99 66 ms first and 9 ms last.
                for (int index = 0; index < percents.length; index++) {
                    int rate = rate(saturated, percents[index]);
                    bare(bootstrap, WARM_UP_PHASE + phase(index, percents[index]), rate, WARM_UP_PHASE_SECONDS);
                    paced(bootstrap, "sluice.requests", "sluice.results", rate, WARM_UP_PHASE_SECONDS, "requestTimestamp", () -> {
                    });
                }
                System.out.printf("warm-up: every rate for %d s through both, not measured%n", WARM_UP_PHASE_SECONDS);
                for (int index = 0; index < percents.length; index++) {
                    int percent = percents[index];
                    int rate = rate(saturated, percent);
                    Run bare = bare(bootstrap, phase(index, percent), rate, seconds);
                    String[] metricsAtStart = new String[1];
                    Run sluice = paced(bootstrap, "sluice.requests", "sluice.results", rate, seconds, "requestTimestamp",
                            () -> metricsAtStart[0] = child.metrics());
                    System.out.printf("%n%d %%: where sluice's results waited while measured, p50 / p99 ms: %s%n", percent,
                            stages(metricsAtStart[0], child.metrics()));
                    printPerSecond(percent, rate, bare, sluice);
                    summary.add(String.format("| %d %% | %,d/s | %d / %d / %d | %d / %d / %d | %.2f |", percent, rate, p(sluice.all, 50),
                            p(sluice.all, 90), p(sluice.all, 99), p(bare.all, 50), p(bare.all, 90), p(bare.all, 99),
                            (double) p(sluice.all, 99) / Math.max(1, p(bare.all, 99))));
                }
            }
            System.out.println();
            System.out.println("| load | rate | sluice p50 / p90 / p99 ms | bare loop p50 / p90 / p99 ms | p99 ratio |");
            System.out.println("|---|---|---|---|---|");
            summary.forEach(System.out::println);
        }
    }

    /** Each phase's topic label: one per percentage given and its warm-up (a percentage may come twice, to see order effects). */
    private static List<String> phases(int[] percents) {
        List<String> phases = new ArrayList<>();
        for (int index = 0; index < percents.length; index++) {
            phases.add(phase(index, percents[index]));
            phases.add(WARM_UP_PHASE + phase(index, percents[index]));
        }
        return phases;
    }

    private static int rate(double saturated, int percent) {
        return (int) Math.round(saturated * percent / 100);
    }

    private static String phase(int index, int percent) {
        return index + "-" + percent;
    }

    /**
     * A second backlog, invisible to sluice until all of it is there, drained by the warmed sluice
     * and measured from the first sample with any of its results to the last.
     */
    private static double warmSaturated(String bootstrap, int backlog, SluiceChild child) throws InterruptedException {
        ThroughputBenchmark.preloadInOneTransaction(bootstrap, backlog, backlog);
        return ThroughputBenchmark.measure(bootstrap, "sluice.results", 2L * backlog, child, backlog + 1L).ratePerSecond();
    }

    /**
     * Waits until the child's JIT compiler threads have been idle for 2 s: draining the backlog
     * queues C2 compilations of the record path that ran on for some 10 s after it, on the two
     * cores the first paced phase (and the bare loop's beside it) would share with them.
     */
    private static void awaitCompilerQuiet(SluiceChild child) {
        long start = System.nanoTime();
        double[] last = {child.compilerCpuSeconds()};
        Duration window = Duration.ofSeconds(2);
        await().alias("sluice's JIT compiler threads idle for " + window).atMost(Duration.ofMinutes(3)).pollDelay(window)
                .pollInterval(window).pollInSameThread().until(() -> {
                    double now = child.compilerCpuSeconds();
                    boolean quiet = now - last[0] < 0.05;
                    last[0] = now;
                    return quiet;
                });
        System.out.printf("sluice's JIT compiler idle %.0f s after the drain (%.1f s of compiler CPU since start)%n",
                (System.nanoTime() - start) / 1e9, last[0]);
    }

    private static String requests(String phase) {
        return "paced" + phase + ".requests";
    }

    private static String results(String phase) {
        return "paced" + phase + ".bare.results";
    }

    /** The bare loop on the paced topic while it is fed. */
    private static Run bare(String bootstrap, String phase, int rate, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread loop = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = BareClients.consumer(bootstrap, "bare-" + phase);
                    KafkaProducer<byte[], byte[]> producer = BareClients.producer(bootstrap, "lz4")) {
                consumer.subscribe(List.of(requests(phase)));
                while (!stop.get()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        producer.send(new ProducerRecord<>(results(phase), record.key(), record.value()));
                    }
                    if (!records.isEmpty()) {
                        consumer.commitAsync();
                    }
                }
            }
        }, "bare-loop");
        loop.start();
        try {
            return paced(bootstrap, requests(phase), results(phase), rate, seconds, "timestamp", () -> {
            });
        } finally {
            stop.set(true);
            loop.join();
        }
    }

    /** What one phase saw: every latency, and each second's by the second its request was sent in. */
    private record Run(Histogram all, TreeMap<Long, Histogram> perSecond) {
    }

    /**
     * Feeds {@code rate} requests/s for warm-up plus {@code seconds} s and reads the results until
     * 10 s after the last request; {@code atMeasureStart} runs when the measured window opens.
     */
    private static Run paced(String bootstrap, String requests, String results, int rate, int seconds, String timestampField,
            Runnable atMeasureStart) throws Exception {
        Run run = new Run(new Histogram(TimeUnit.MINUTES.toMillis(5), 3), new TreeMap<>());
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + results + "-" + System.nanoTime(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
                KafkaProducer<byte[], byte[]> producer = BareClients.producer(bootstrap, "lz4")) {
            reader.subscribe(List.of(results));
            while (reader.assignment().isEmpty()) {
                reader.poll(Duration.ofMillis(100));
            }
            long start = System.currentTimeMillis();
            long measuredFrom = start + TimeUnit.SECONDS.toMillis(WARM_UP_SECONDS);
            long sendUntil = measuredFrom + TimeUnit.SECONDS.toMillis(seconds);
            Thread feed = PacedFeed.start(producer, requests, rate, (long) rate * (WARM_UP_SECONDS + seconds));
            long readUntil = sendUntil + 10_000;
            boolean measuring = false;
            while (System.currentTimeMillis() < readUntil) {
                if (!measuring && System.currentTimeMillis() >= measuredFrom) {
                    measuring = true;
                    atMeasureStart.run();
                }
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    JsonNode value = JSON.readTree(record.value());
                    long requested = value.get(timestampField).asLong();
                    if (requested >= measuredFrom && requested < sendUntil) {
                        long latency = Math.max(0, now - requested);
                        run.all.recordValue(latency);
                        run.perSecond
                                .computeIfAbsent((requested - measuredFrom) / 1000, s -> new Histogram(TimeUnit.MINUTES.toMillis(5), 2))
                                .recordValue(latency);
                    }
                }
            }
            feed.join();
        }
        long expected = (long) rate * seconds;
        if (run.all.getTotalCount() < expected * 0.99) {
            System.out.printf("WARNING %s at %,d/s: %,d of %,d results within 10 s of the last request%n", results, rate,
                    run.all.getTotalCount(), expected);
        }
        return run;
    }

    private static void printPerSecond(int percent, int rate, Run bare, Run sluice) {
        System.out.printf("%n%d %% of saturation, %,d requests/s: p50/p99 ms per second of sending%n", percent, rate);
        StringBuilder line = new StringBuilder();
        for (Long second : sluice.perSecond.keySet()) {
            Histogram s = sluice.perSecond.get(second);
            Histogram b = bare.perSecond.get(second);
            line.append(String.format("  s%-3d sluice %4d/%-5d bare %4d/%-5d", second, p(s, 50), p(s, 99), b == null ? -1 : p(b, 50),
                    b == null ? -1 : p(b, 99)));
            if (second % 3 == 2) {
                System.out.println(line);
                line.setLength(0);
            }
        }
        if (!line.isEmpty()) {
            System.out.println(line);
        }
        System.out.printf("  all: sluice p50 %d p90 %d p99 %d max %d; bare p50 %d p90 %d p99 %d max %d%n", p(sluice.all, 50),
                p(sluice.all, 90), p(sluice.all, 99), sluice.all.getMaxValue(), p(bare.all, 50), p(bare.all, 90), p(bare.all, 99),
                bare.all.getMaxValue());
    }

    /** p50 and p99 of each stage between two scrapes, as the upper bounds of the histogram buckets they fall in. */
    static String stages(String before, String after) {
        Map<String, TreeMap<Double, Double>> buckets = buckets(after);
        buckets(before).forEach((stage, counts) -> counts.forEach((le, count) -> buckets.get(stage).merge(le, -count, Double::sum)));
        StringBuilder out = new StringBuilder();
        buckets.forEach((stage, cumulative) -> {
            double total = cumulative.lastEntry().getValue();
            out.append(String.format("%s %s / %s; ", stage, quantile(cumulative, total * 0.5), quantile(cumulative, total * 0.99)));
        });
        return out.toString();
    }

    private static Map<String, TreeMap<Double, Double>> buckets(String metrics) {
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        java.util.regex.Matcher line = java.util.regex.Pattern
                .compile("sluice_stage_duration_seconds_bucket\\{[^}]*stage=\"([a-z-]+)\"[^}]*le=\"([^\"]+)\"[^}]*} ([0-9.eE+]+)")
                .matcher(metrics);
        while (line.find()) {
            double le = line.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(line.group(2));
            buckets.computeIfAbsent(line.group(1), s -> new TreeMap<>()).put(le, Double.parseDouble(line.group(3)));
        }
        return buckets;
    }

    private static String quantile(TreeMap<Double, Double> cumulative, double rank) {
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                return bucket.getKey().isInfinite() ? "inf" : String.format("%.1f", bucket.getKey() * 1000);
            }
        }
        return "?";
    }

    private static long p(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile);
    }
}
