package dev.sluice.loadgen;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * sluice's load and latency harness: {@code run}, {@code percentiles}, {@code compare}, {@code plot}.
 * Its own entry point in test scope, never in the service jar:
 * {@code ./mvnw -B -q test-compile exec:exec@load -Pload -Dload.args="run --bootstrap 127.0.0.1:9092 --producers 3 ..."}.
 */
@Command(name = "sluice-load", mixinStandardHelpOptions = true, subcommands = {LoadCli.Run.class, LoadCli.Percentiles.class,
        LoadCli.Compare.class, LoadCli.Plot.class}, description = "Coordinated load and end-to-end latency for sluice.")
public final class LoadCli implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new LoadCli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        }).execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Send requests, read results, write JSONL and a summary.")
    static final class Run implements Callable<Integer> {

        @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers.")
        String bootstrap;
        @Option(names = "--requests-topic", defaultValue = "sluice.requests")
        String requestsTopic;
        @Option(names = "--results-topic", defaultValue = "sluice.results")
        String resultsTopic;
        @Option(names = "--producers", defaultValue = "1")
        int producers;
        @Option(names = "--readers", defaultValue = "1")
        int readers;
        @Option(names = "--messages", defaultValue = "1000", description = "Messages per producer.")
        int messages;
        @Option(names = "--spacing-ms", description = "Milliseconds between one producer's sends (fractions allowed).")
        Double spacingMs;
        @Option(names = "--rate", description = "Target messages per second over all producers (instead of --spacing-ms).")
        Double rate;
        @Option(names = "--keys", defaultValue = "UNIFORM", description = "UNIFORM, ZIPF or HOT.")
        KeyDistribution keys;
        @Option(names = "--key-count", defaultValue = "1000")
        int keyCount;
        @Option(names = "--buffer-ms", defaultValue = "5000", description = "How long readers wait after the last planned send.")
        long bufferMs;
        @Option(names = "--out", defaultValue = "target/load/run.jsonl")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (spacingMs != null && rate != null) {
                throw new IllegalArgumentException("give --spacing-ms or --rate, not both");
            }
            double spacing = rate != null ? 1000.0 * producers / rate : spacingMs != null ? spacingMs : 0;
            LoadPlan plan = new LoadPlan(bootstrap, requestsTopic, resultsTopic, producers, readers, messages, spacing, keys, keyCount,
                    bufferMs);
            ResultMatcher matcher = new LoadRunner(plan, Corpus.sentences(), System.err).run();
            List<MessageOutcome> outcomes = matcher.outcomes();
            Jsonl.write(out, outcomes);
            System.out.printf("%s: %d messages planned, timer %s%n%s", out, plan.expected(), plan.timer(),
                    LatencySummary.of(outcomes, matcher.duplicated()).table());
            return 0;
        }
    }

    @Command(name = "percentiles", mixinStandardHelpOptions = true, description = "Summary of a JSONL file.")
    static final class Percentiles implements Callable<Integer> {

        @Parameters(paramLabel = "FILE.jsonl")
        Path file;

        @Override
        public Integer call() throws Exception {
            System.out.print(LatencySummary.of(Jsonl.read(file), 0).table());
            return 0;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, description = "Two runs side by side, with the ratio B/A.")
    static final class Compare implements Callable<Integer> {

        @Parameters(arity = "2", paramLabel = "FILE.jsonl")
        List<Path> files;
        @Option(names = "--labels", arity = "2", description = "Column names for the two runs.")
        List<String> labels;

        @Override
        public Integer call() throws Exception {
            System.out.print(compare(files.get(0), files.get(1), labels == null ? List.of("A", "B") : labels));
            return 0;
        }
    }

    @Command(name = "plot", mixinStandardHelpOptions = true, description = "Latency percentiles (log) and throughput over time, as PNG.")
    static final class Plot implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "FILE.jsonl")
        List<Path> files;
        @Option(names = "--out", defaultValue = "target/load/plot")
        Path out;

        @Override
        public Integer call() throws Exception {
            Map<String, List<MessageOutcome>> runs = new LinkedHashMap<>();
            for (Path file : files) {
                runs.put(file.getFileName().toString(), Jsonl.read(file));
            }
            LatencyPlot.write(runs, out).forEach(System.out::println);
            return 0;
        }
    }

    static String compare(Path a, Path b, List<String> labels) throws Exception {
        Map<String, Number> left = LatencySummary.of(Jsonl.read(a), 0).rows();
        Map<String, Number> right = LatencySummary.of(Jsonl.read(b), 0).rows();
        StringBuilder out = new StringBuilder(String.format("%-18s %14s %14s %8s%n", "", labels.get(0), labels.get(1), "ratio"));
        List<String> names = new ArrayList<>(left.keySet());
        for (String name : names) {
            double x = left.get(name).doubleValue();
            double y = right.get(name).doubleValue();
            out.append(String.format("%-18s %,14.1f %,14.1f %8s%n", name, x, y, x == 0 ? "-" : String.format("%.2f", y / x)));
        }
        return out.toString();
    }
}
