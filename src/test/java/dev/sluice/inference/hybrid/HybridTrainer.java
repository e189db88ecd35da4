package dev.sluice.inference.hybrid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import dev.sluice.inference.LabelledTexts;
import dev.sluice.inference.LabelledTexts.Example;
import dev.sluice.inference.ModelEvaluation;
import dev.sluice.inference.lexicon.VaderAnalyzer;
import dev.sluice.inference.lexicon.VaderLexicon;
import dev.sluice.record.Label;

/**
 * Trains the hybrid model: softmax regression over negative, positive and neutral by AdaGrad with
 * L2, each domain and then each class weighing as much as any other, examples shuffled by a fixed
 * seed, single-threaded, so the same data always give the same weights to the bit. No ML library on
 * Maven Central trains a hashed sparse softmax regression without native code or reflection-heavy
 * runtimes, hence these lines.
 * <p>
 * {@code ./mvnw -B process-test-classes -Ptrain-model} trains on every domain and writes
 * {@code src/main/resources/sluice/model/hybrid-weights.bin.gz}, its {@code .sha256} and the
 * evaluation figures.
 */
public final class HybridTrainer {

    public static final long SEED = 20151101L;
    public static final int EPOCHS = 10;
    public static final double LEARNING_RATE = 0.05;
    public static final double L2 = 1e-4;

    private HybridTrainer() {
    }

    public static HybridFeatures features() {
        return new HybridFeatures(new VaderAnalyzer(VaderLexicon.load()), AfinnLexicon.load());
    }

    public static HybridWeights train(List<Example> examples, HybridFeatures features) {
        int classes = HybridWeights.CLASSES;
        int dimension = HybridFeatures.DIMENSION;
        List<HybridFeatures.Vector> vectors = new ArrayList<>(examples.size());
        for (Example example : examples) {
            vectors.add(features.extract(example.text()));
        }
        double[] weight = LabelledTexts.balancedWeights(examples);
        double[] w = new double[classes * dimension];
        double[] g2 = new double[classes * dimension];
        double[] p = new double[classes];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            order.add(i);
        }
        Random random = new Random(SEED);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Collections.shuffle(order, random);
            for (int n : order) {
                HybridFeatures.Vector x = vectors.get(n);
                int actual = HybridModel.row(examples.get(n).label());
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    double z = 0;
                    for (int k = 0; k < x.size; k++) {
                        z += w[c * dimension + x.index[k]] * x.value[k];
                    }
                    p[c] = z;
                    max = Math.max(max, z);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    p[c] = Math.exp(p[c] - max);
                    sum += p[c];
                }
                for (int c = 0; c < classes; c++) {
                    double error = weight[n] * (p[c] / sum - (c == actual ? 1 : 0));
                    for (int k = 0; k < x.size; k++) {
                        int i = c * dimension + x.index[k];
                        double gradient = error * x.value[k] + L2 * w[i];
                        g2[i] += gradient * gradient;
                        w[i] -= LEARNING_RATE * gradient / Math.sqrt(g2[i] + 1e-8);
                    }
                }
            }
        }
        float[] weights = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            weights[i] = (float) w[i];
        }
        return new HybridWeights(weights);
    }

    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args.length > 0 ? args[0] : "src/main/resources");
        Path docs = Path.of(args.length > 1 ? args[1] : "docs/model");
        HybridFeatures features = features();
        HybridWeights weights = train(LabelledTexts.training(LabelledTexts.DOMAINS), features);
        byte[] bytes = weights.serialize();
        String sha = HybridWeights.sha256(bytes);
        Files.write(resources.resolve(HybridWeights.RESOURCE), bytes);
        Files.writeString(resources.resolve(HybridWeights.CHECKSUM_RESOURCE), sha + "\n", StandardCharsets.US_ASCII);
        ModelEvaluation.Calibration calibration = calibration(features, weights);
        String evaluation = evaluation(calibration);
        Files.writeString(resources.resolve(HybridModel.EVALUATION_RESOURCE), evaluation, StandardCharsets.UTF_8);
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("hybrid-neutral-tradeoff.tsv"), calibration.curveTsv(), StandardCharsets.UTF_8);
        System.out.printf("trained on %s: %d bytes, sha256 %s%n", LabelledTexts.DOMAINS, bytes.length, sha);
        System.out.print(evaluation);
    }

    /** Leave-one-domain-out figures and the neutral bias chosen on held-out predictions ({@link ModelEvaluation}). */
    public static ModelEvaluation.Calibration calibration(HybridFeatures features, HybridWeights weights) {
        return ModelEvaluation.calibrate(examples -> probabilities(new HybridModel(features, train(examples, features), 0.05, 0)),
                probabilities(new HybridModel(features, weights, 0.05, 0)));
    }

    /** The evaluation figures served by {@code GET /api/model}, as a properties file. */
    public static String evaluation(ModelEvaluation.Calibration calibration) {
        return calibration.properties(
                "Written by HybridTrainer (./mvnw -B process-test-classes -Ptrain-model); checked by HybridModelTest.",
                LabelledTexts.SOURCES);
    }

    private static ModelEvaluation.ProbabilityModel probabilities(HybridModel model) {
        return texts -> {
            double[][] out = new double[texts.size()][];
            double[] p = new double[HybridWeights.CLASSES];
            for (int i = 0; i < texts.size(); i++) {
                model.probabilities(texts.get(i), p);
                out[i] = new double[Label.values().length];
                out[i][Label.NEGATIVE.ordinal()] = p[HybridModel.NEGATIVE];
                out[i][Label.POSITIVE.ordinal()] = p[HybridModel.POSITIVE];
                out[i][Label.NEUTRAL.ordinal()] = p[HybridModel.NEUTRAL];
            }
            return out;
        };
    }
}
