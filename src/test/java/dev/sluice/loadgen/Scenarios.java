package dev.sluice.loadgen;

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.sluice.bench.BareClients;
import dev.sluice.devbroker.EmbeddedKafkaBroker;

/**
 * The harness issue's five scenarios, all measured through the harness against one embedded
 * broker, with the tables written into docs/BENCHMARKS.md between the {@code harness} markers:
 * (1) a bare consume-produce loop with the same clients, (2) sluice with the default model,
 * saturating, (3) the simulated 20 ms model, unordered and key, at several concurrencies,
 * (4) latency at 25 % and 50 % of (2)'s rate, sluice and the bare loop alike, with plots, and (5) the
 * seed's coordinated example.
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.loadgen.Scenarios}
 */
public final class Scenarios {

    private static final Path OUT = Path.of("target", "load");
    private static final Path BENCHMARKS = Path.of("docs", "BENCHMARKS.md");
    private static final String BEGIN = "<!-- harness:begin -->";
    private static final String END = "<!-- harness:end -->";
    /** Saturating runs send with no spacing, so the readers' timer is this buffer alone: long enough to drain. */
    private static final long DRAIN_MS = 90_000;
    /** Latency is compared with the bare loop's at these shares of sluice's saturated rate. */
    private static final double[] SHARES = {0.25, 0.5};

    private record Row(String scenario, LatencySummary summary) {
    }

    public static void main(String[] args) throws Exception {
        Files.createDirectories(OUT);
        List<Row> rows = new ArrayList<>();
        Map<String, List<MessageOutcome>> plotted = new LinkedHashMap<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            String bootstrap = broker.bootstrapServers();
            broker.createTopics(12,
                    List.of("sluice.requests", "sluice.results", "sluice.retry", "sluice.dlq", "bare.requests", "bare.results"));

            try (BareLoop bare = BareLoop.start(bootstrap)) {
                rows.add(new Row("1. bare consume-produce loop, saturating (4 producers x 50,000)",
                        run(new LoadPlan(bootstrap, "bare.requests", "bare.results", 4, 2, 50_000, 0, KeyDistribution.UNIFORM, 1000,
                                DRAIN_MS),
                                "1-bare", null)));
            }

            double saturating;
            try (Sluice sluice = Sluice.start(bootstrap, Map.of())) {
                LatencySummary full = run(new LoadPlan(bootstrap, "sluice.requests", "sluice.results", 4, 2, 50_000, 0,
                        KeyDistribution.UNIFORM, 1000, DRAIN_MS), "2-saturating", plotted);
                rows.add(new Row("2. sluice, default model (hybrid), key order, saturating (4 producers x 50,000)", full));
                saturating = full.throughputPerSecond();
                for (double share : SHARES) {
                    double rate = Math.max(100, saturating * share);
                    rows.add(new Row(String.format("4. sluice at %.0f%% of (2): %,.0f msg/s offered for 20 s", share * 100, rate),
                            run(atRate(bootstrap, "sluice.requests", "sluice.results", rate), "4-sluice-" + (int) (share * 100), plotted)));
                }
                rows.add(new Row("5. seed example: 3 producers, 2 readers, 10 messages each, 500 ms spacing, 1000 ms buffer",
                        run(new LoadPlan(bootstrap, "sluice.requests", "sluice.results", 3, 2, 10, 500, KeyDistribution.UNIFORM, 100, 1000),
                                "5-seed", plotted)));
            }

            try (BareLoop bare = BareLoop.start(bootstrap)) {
                for (double share : SHARES) {
                    double rate = Math.max(100, saturating * share);
                    rows.add(new Row(String.format("4. bare loop at %.0f%% of (2): %,.0f msg/s offered for 20 s", share * 100, rate),
                            run(atRate(bootstrap, "bare.requests", "bare.results", rate), "4-bare-" + (int) (share * 100), plotted)));
                }
            }

            for (String ordering : List.of("unordered", "key")) {
                for (int concurrency : new int[]{64, 256, 1024}) {
                    Map<String, String> env = Map.of("SLUICE_MODEL_KIND", "simulated", "SLUICE_MODEL_SIMULATED_LATENCY", "20ms",
                            "SLUICE_ORDERING", ordering, "SLUICE_CONCURRENCY", Integer.toString(concurrency), "SLUICE_BATCH_MAX_SIZE", "8",
                            "SLUICE_MAX_IN_FLIGHT", "50000");
                    try (Sluice sluice = Sluice.start(bootstrap, env)) {
                        rows.add(new Row(String.format("3. simulated 20 ms/batch, batch 8, %s, concurrency %d (bound %,d msg/s)", ordering,
                                concurrency, concurrency * 8 * 50),
                                run(new LoadPlan(bootstrap, "sluice.requests", "sluice.results", 2, 2, 20_000, 0, KeyDistribution.UNIFORM,
                                        1000, DRAIN_MS), "3-" + ordering + "-" + concurrency, null)));
                    }
                }
            }
        }
        LatencyPlot.write(plotted, OUT.resolve("scenarios")).forEach(p -> System.out.println("plot: " + p));
        String tables = tables(rows);
        System.out.print(tables);
        writeIntoBenchmarks(tables);
    }

    /** A load offered at {@code rate} msg/s for 20 s by 4 producers, uniform over 1,000 keys. */
    private static LoadPlan atRate(String bootstrap, String requests, String results, double rate) {
        int perProducer = (int) (rate / 4 * 20);
        return new LoadPlan(bootstrap, requests, results, 4, 2, perProducer, 4000.0 / rate, KeyDistribution.UNIFORM, 1000, 10_000);
    }

    private static LatencySummary run(LoadPlan plan, String name, Map<String, List<MessageOutcome>> plotted) throws Exception {
        ResultMatcher matcher = new LoadRunner(plan, Corpus.sentences(), System.err).run();
        List<MessageOutcome> outcomes = matcher.outcomes();
        Jsonl.write(OUT.resolve(name + ".jsonl"), outcomes);
        if (plotted != null) {
            plotted.put(name, outcomes);
        }
        LatencySummary summary = LatencySummary.of(outcomes, matcher.duplicated());
        System.out.printf("%n== %s%n%s", name, summary.table());
        return summary;
    }

    private static String tables(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Run %s on %d cores, %d MiB max heap, JDK %s (`%s`). One embedded broker; the harness, the broker "
                + "and the service share the machine.%n%n", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
                "./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.loadgen.Scenarios"));
        out.append("| scenario | results | lost | dup | msg/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            LatencySummary s = row.summary();
            out.append(
                    String.format("| %s | %,d | %,d | %,d | %,.0f | %,d | %,d | %,d | %,d | %,d |%n", row.scenario(), s.count(), s.lost(),
                            s.duplicated(), s.throughputPerSecond(), s.p50(), s.p90(), s.p99(), s.p999(), s.max()));
        }
        return out.toString();
    }

    private static void writeIntoBenchmarks(String tables) throws Exception {
        String doc = Files.readString(BENCHMARKS);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(BENCHMARKS + " lacks the " + BEGIN + " / " + END + " markers");
        }
        Files.writeString(BENCHMARKS, doc.substring(0, begin + BEGIN.length()) + "\n" + tables + doc.substring(end));
        System.out.println("tables written into " + BENCHMARKS);
    }

    /** The ceiling: consume requests, produce a minimal result with the request's id, commit. */
    private static final class BareLoop implements AutoCloseable {

        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        private BareLoop(String bootstrap) {
            thread = new Thread(() -> loop(bootstrap), "bare-loop");
            thread.start();
        }

        static BareLoop start(String bootstrap) {
            return new BareLoop(bootstrap);
        }

        private void loop(String bootstrap) {
            try (KafkaConsumer<byte[], byte[]> consumer = BareClients.consumer(bootstrap, "bare");
                    KafkaProducer<byte[], byte[]> producer = BareClients.producer(bootstrap, "lz4")) {
                consumer.subscribe(List.of("bare.requests"));
                while (!stop.get()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        String value = new String(record.value(), StandardCharsets.UTF_8);
                        int start = value.indexOf("\"id\":\"") + 6;
                        String id = value.substring(start, value.indexOf('"', start));
                        producer.send(new ProducerRecord<>("bare.results", record.key(),
                                ("{\"id\":\"" + id + "\",\"label\":\"neutral\"}").getBytes(StandardCharsets.UTF_8)));
                    }
                    if (!records.isEmpty()) {
                        consumer.commitAsync();
                    }
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** sluice's runnable jar in a child JVM, warmed up before it is measured. */
    private static final class Sluice implements AutoCloseable {

        private final Process process;

        private Sluice(Process process) {
            this.process = process;
        }

        static Sluice start(String bootstrap, Map<String, String> env) throws Exception {
            File log = File.createTempFile("sluice-scenarios-", ".log");
            log.deleteOnExit();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-jar",
                    Path.of("target", "quarkus-app", "quarkus-run.jar").toString()).redirectErrorStream(true).redirectOutput(log);
            Map<String, String> all = new HashMap<>(env);
            all.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            all.put("QUARKUS_HTTP_PORT", "0");
            all.put("QUARKUS_MANAGEMENT_PORT", "0");
            builder.environment().putAll(all);
            Sluice sluice = new Sluice(builder.start());
            for (int attempt = 0; attempt < 30; attempt++) {
                ResultMatcher warm = new LoadRunner(new LoadPlan(bootstrap, "sluice.requests", "sluice.results", 2, 1, 2000, 0,
                        KeyDistribution.UNIFORM, 100, 5000), Corpus.sentences(), new PrintStream(PrintStream.nullOutputStream())).run();
                if (warm.complete(4000)) {
                    return sluice;
                }
            }
            sluice.close();
            throw new IllegalStateException("sluice did not answer; log: " + log);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
