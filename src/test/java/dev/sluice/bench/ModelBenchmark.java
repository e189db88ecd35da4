package dev.sluice.bench;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.inference.LabelledTexts;
import dev.sluice.inference.SentimentModel;
import dev.sluice.inference.hybrid.HybridModel;
import dev.sluice.inference.hybrid.HybridTrainer;
import dev.sluice.inference.lexicon.LexiconModel;
import dev.sluice.inference.lexicon.VaderAnalyzer;
import dev.sluice.inference.lexicon.VaderLexicon;
import dev.sluice.inference.onnx.ModelFiles;
import dev.sluice.inference.onnx.OnnxModelLoader;
import dev.sluice.inference.onnx.OnnxSentimentModel;

/**
 * Texts per second for each model and batch size, on the 3,000 UCI sentences, and the memory each
 * model takes once loaded: one calling thread (ONNX Runtime adds its own threads, one per core),
 * 3 warm-up and 5 measured iterations of 2 s each, mean and standard deviation printed.
 * JMH would add a forked JVM per case; this harness keeps the same discipline (warm-up, repeated
 * timed iterations, a consumed result) in one process so that all cases share one JIT state.
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.bench.ModelBenchmark [-Dbench.args=onnx]}
 */
public final class ModelBenchmark {

    private static final int WARM_UP = 3;
    private static final int MEASURED = 5;
    private static final long ITERATION_NANOS = 2_000_000_000L;

    public static void main(String[] args) {
        List<String> texts = new ArrayList<>();
        List.of("amazon", "yelp", "imdb").forEach(d -> LabelledTexts.training(d).forEach(e -> texts.add(e.text())));
        double averageChars = texts.stream().mapToInt(String::length).average().orElse(0);
        System.out.printf("%d texts, %.0f characters on average; JDK %s%n", texts.size(), averageChars, System.getProperty("java.version"));
        java.util.Map<String, java.util.function.Supplier<SentimentModel>> kinds = new java.util.LinkedHashMap<>();
        kinds.put("hybrid", () -> HybridModel.loadDefault(HybridTrainer.features(), 0.05));
        kinds.put("lexicon", () -> new LexiconModel(new VaderAnalyzer(VaderLexicon.load()), 0.05));
        kinds.put("onnx", () -> OnnxSentimentModel.load(ModelFiles.classPath(OnnxModelLoader.BUNDLED),
                new OnnxSentimentModel.Options(256, 0, ai.onnxruntime.OrtSession.SessionOptions.OptLevel.ALL_OPT, 0.05),
                java.util.Map.of()));
        List<String> only = args.length > 0 ? List.of(args[0].split(",")) : List.copyOf(kinds.keySet());
        List<SentimentModel> models = new ArrayList<>();
        for (String kind : only) {
            long heapBefore = usedHeap();
            long rssBefore = residentBytes();
            SentimentModel model = kinds.get(kind).get();
            model.warmUp();
            System.out.printf("%s loaded: +%d MiB heap, +%d MiB resident (heap and native: session, tokenizer, weights)%n", model.id(),
                    (usedHeap() - heapBefore) >> 20, (residentBytes() - rssBefore) >> 20);
            models.add(model);
        }
        System.out.println("model                     batch        texts/s      (sd)");
        for (SentimentModel model : models) {
            for (int batch : new int[]{1, 16, 64, 256}) {
                if (model instanceof OnnxSentimentModel && batch > 64) {
                    continue;
                }
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
                System.out.printf("%-25s %5d %14.0f %9.0f%n", model.id(), batch, mean, Math.sqrt(variance));
            }
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** VmRSS of this process, from /proc (Linux); 0 elsewhere. */
    private static long residentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            return 0;
        }
        return 0;
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
