package dev.sluice.bench;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.inference.SentimentModel;
import dev.sluice.inference.hybrid.HybridModel;
import dev.sluice.inference.hybrid.HybridTrainer;
import dev.sluice.inference.hybrid.LabelledSentences;
import dev.sluice.inference.lexicon.LexiconModel;
import dev.sluice.inference.lexicon.VaderAnalyzer;
import dev.sluice.inference.lexicon.VaderLexicon;

/**
 * Texts per second on one core for each model and batch size, on the 3,000 UCI sentences: one
 * thread, 3 warm-up and 5 measured iterations of 2 s each, mean and standard deviation printed.
 * JMH would add a forked JVM per case; this harness keeps the same discipline (warm-up, repeated
 * timed iterations, a consumed result) in one process so that all cases share one JIT state.
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.bench.ModelBenchmark}
 */
public final class ModelBenchmark {

    private static final int WARM_UP = 3;
    private static final int MEASURED = 5;
    private static final long ITERATION_NANOS = 2_000_000_000L;

    public static void main(String[] args) {
        List<String> texts = new ArrayList<>();
        LabelledSentences.DOMAINS.forEach(d -> LabelledSentences.load(d).forEach(e -> texts.add(e.text())));
        double averageChars = texts.stream().mapToInt(String::length).average().orElse(0);
        System.out.printf("%d texts, %.0f characters on average; JDK %s%n", texts.size(), averageChars, System.getProperty("java.version"));
        List<SentimentModel> models = List.of(HybridModel.loadDefault(HybridTrainer.features(), 0.05),
                new LexiconModel(new VaderAnalyzer(VaderLexicon.load()), 0.05));
        System.out.println("model               batch   texts/s/core      (sd)");
        for (SentimentModel model : models) {
            for (int batch : new int[]{1, 16, 64, 256}) {
                double[] rates = new double[MEASURED];
                for (int i = 0; i < WARM_UP + MEASURED; i++) {
                    double rate = iteration(model, texts, batch);
                    if (i >= WARM_UP) {
                        rates[i - WARM_UP] = rate;
                    }
                }
                double mean = 0;
                for (double r : rates) {
                    mean += r / MEASURED;
                }
                double variance = 0;
                for (double r : rates) {
                    variance += (r - mean) * (r - mean) / (MEASURED - 1);
                }
                System.out.printf("%-20s %5d %14.0f %9.0f%n", model.id(), batch, mean, Math.sqrt(variance));
            }
        }
    }

    private static double iteration(SentimentModel model, List<String> texts, int batch) {
        long start = System.nanoTime();
        long scored = 0;
        double sink = 0;
        int at = 0;
        while (System.nanoTime() - start < ITERATION_NANOS) {
            if (at + batch > texts.size()) {
                at = 0;
            }
            sink += model.predict(texts.subList(at, at + batch)).get(0).score();
            at += batch;
            scored += batch;
        }
        if (sink == Double.MIN_VALUE) {
            System.out.println(sink); // Keeps the results alive for the JIT.
        }
        return scored / ((System.nanoTime() - start) / 1e9);
    }
}
