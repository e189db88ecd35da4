package dev.sluice.loadgen;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sluice.devbroker.EmbeddedKafkaBroker;

/**
 * The harness's scenarios against sluice's runnable jar on the embedded broker: latency at a
 * fixed offered rate (a fraction of the saturating rate measured by ThroughputBenchmark), and the
 * seed's coordinated example. Writes JSONL, tables and plots under target/load/.
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.loadgen.Scenarios -Dbench.args="20000"}
 * (argument: the offered rate in msg/s, default 20,000, about half of what sluice saturates at here).
 */
public final class Scenarios {

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int producers = 4;
        Path out = Path.of("target", "load");
        Files.createDirectories(out);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(12, List.of("sluice.requests", "sluice.results", "sluice.retry", "sluice.dlq"));
            Process sluice = startSluice(broker.bootstrapServers());
            try {
                waitForResults(broker.bootstrapServers());
                Map<String, List<MessageOutcome>> runs = new LinkedHashMap<>();
                runs.put("seed 3x10 @500ms", scenario("seed: 3 producers, 2 readers, 10 messages each, 500 ms spacing, 1000 ms buffer",
                        new LoadPlan(broker.bootstrapServers(), "sluice.requests", "sluice.results", 3, 2, 10, 500, KeyDistribution.UNIFORM, 100, 1000),
                        out.resolve("seed.jsonl")));
                runs.put(rate + " msg/s offered", scenario(producers + " producers offering " + rate + " msg/s in all for 20 s, uniform keys, 2 readers",
                        new LoadPlan(broker.bootstrapServers(), "sluice.requests", "sluice.results", producers, 2, rate / producers * 20,
                                1000.0 * producers / rate, KeyDistribution.UNIFORM, 1000, 5000),
                        out.resolve("rate.jsonl")));
                LatencyPlot.write(runs, out.resolve("latency")).forEach(p -> System.out.println("plot: " + p));
            } finally {
                sluice.destroy();
                sluice.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    private static List<MessageOutcome> scenario(String title, LoadPlan plan, Path file) throws Exception {
        ResultMatcher matcher = new LoadRunner(plan, Corpus.sentences(), new PrintStream(PrintStream.nullOutputStream())).run();
        List<MessageOutcome> outcomes = matcher.outcomes();
        Jsonl.write(file, outcomes);
        System.out.printf("%n== %s -> %s%n%s", title, file, LatencySummary.of(outcomes, matcher.duplicated()).table());
        return outcomes;
    }

    private static Process startSluice(String bootstrap) throws Exception {
        File log = File.createTempFile("sluice-scenarios-", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar",
                Path.of("target", "quarkus-app", "quarkus-run.jar").toString()).redirectErrorStream(true).redirectOutput(log);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        return builder.start();
    }

    /** Warms sluice up with a short run until results come back, so that start-up is not measured. */
    private static void waitForResults(String bootstrap) throws Exception {
        for (int attempt = 0; attempt < 30; attempt++) {
            ResultMatcher warm = new LoadRunner(new LoadPlan(bootstrap, "sluice.requests", "sluice.results", 2, 1, 2000, 0,
                    KeyDistribution.UNIFORM, 100, 3000), Corpus.sentences(), new PrintStream(PrintStream.nullOutputStream())).run();
            if (warm.complete(4000)) {
                return;
            }
        }
        throw new IllegalStateException("sluice never answered");
    }
}
