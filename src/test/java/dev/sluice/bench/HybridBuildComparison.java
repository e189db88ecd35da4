package dev.sluice.bench;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import dev.sluice.inference.LabelledTexts;

/**
 * The {@code hybrid} model of two builds in one JVM, timed in alternation (one second each, a
 * pair at a time), so that the ratio is read within each pair: on this noisy machine two separate
 * runs of one build differ by more than the changes this measures. Each build is loaded by a class
 * loader of its own (its classes directory or application jar, plus the shared dependency jars), so
 * each gets its own JIT-compiled code.
 * <p>
 * {@code ./mvnw -B -q test-compile exec:exec@bench -Pbench -Dbench.class=dev.sluice.bench.HybridBuildComparison
 * -Dbench.args="OLD NEW target/quarkus-app/lib/main [bench|uci] [pairs]"}, OLD and NEW each a
 * {@code target/classes} directory or a {@code quarkus-app/app/*.jar}.
 */
public final class HybridBuildComparison {

    private static final int BATCH = 64;
    private static final long ITERATION_NANOS = 1_000_000_000L;

    public static void main(String[] args) throws Exception {
        Path dependencies = Path.of(args[2]);
        Object older = hybrid(BuildClassLoader.of(Path.of(args[0]), dependencies));
        Object newer = hybrid(BuildClassLoader.of(Path.of(args[1]), dependencies));
        List<String> texts = texts(args.length > 3 ? args[3] : "bench");
        int pairs = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        System.out.printf("%d texts (%s), %.0f characters on average; batches of %d; %d pairs of 1 s%n", texts.size(),
                args.length > 3 ? args[3] : "bench", texts.stream().mapToInt(String::length).average().orElse(0), BATCH, pairs);
        AlternatingPairs.Result rates = AlternatingPairs.run(pairs, () -> rate(older, texts), () -> rate(newer, texts));
        System.out.printf("older: median %,.0f texts/s (%s)%n", rates.firstMedian(), args[0]);
        System.out.printf("newer: median %,.0f texts/s (%s)%n", rates.secondMedian(), args[1]);
        System.out.printf("newer / older, per pair: %s%n", rates.ratioSummary(3));
    }

    /** The build's HybridModel with its default weights. */
    private static Object hybrid(ClassLoader loader) throws Exception {
        Class<?> lexicon = loader.loadClass("dev.sluice.inference.lexicon.VaderLexicon");
        Class<?> vader = loader.loadClass("dev.sluice.inference.lexicon.VaderAnalyzer");
        Class<?> afinn = loader.loadClass("dev.sluice.inference.hybrid.AfinnLexicon");
        Class<?> features = loader.loadClass("dev.sluice.inference.hybrid.HybridFeatures");
        Object analyzer = vader.getConstructor(lexicon).newInstance(lexicon.getMethod("load").invoke(null));
        Object extractor = features.getConstructor(vader, afinn).newInstance(analyzer, afinn.getMethod("load").invoke(null));
        return loader.loadClass("dev.sluice.inference.hybrid.HybridModel").getMethod("loadDefault", features, double.class).invoke(null,
                extractor, 0.05);
    }

    private static List<String> texts(String kind) {
        if (kind.equals("uci")) {
            List<String> texts = new ArrayList<>();
            List.of("amazon", "yelp", "imdb").forEach(d -> LabelledTexts.training(d).forEach(e -> texts.add(e.text())));
            return texts;
        }
        Random random = new Random(1);
        return Stream.generate(() -> ThroughputBenchmark.text(random)).limit(2_000).toList();
    }

    /** Texts per second over one iteration of whole batches. */
    private static double rate(Object model, List<String> texts) throws Exception {
        Method predict = model.getClass().getMethod("predict", List.class);
        long scored = 0;
        long start = System.nanoTime();
        long end = start + ITERATION_NANOS;
        while (System.nanoTime() < end) {
            for (int from = 0; from + BATCH <= texts.size(); from += BATCH) {
                scored += ((List<?>) predict.invoke(model, texts.subList(from, from + BATCH))).size();
            }
        }
        return scored / ((System.nanoTime() - start) / 1e9);
    }

}
