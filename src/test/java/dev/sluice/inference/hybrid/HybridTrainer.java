package dev.sluice.inference.hybrid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import dev.sluice.inference.hybrid.LabelledSentences.Example;
import dev.sluice.inference.lexicon.VaderAnalyzer;
import dev.sluice.inference.lexicon.VaderLexicon;

/**
 * Trains the hybrid model: logistic regression by AdaGrad with L2, examples shuffled by a fixed
 * seed, single-threaded, so the same data always gives the same weights to the bit. No ML library
 * on Maven Central trains a hashed sparse logistic regression without native code or reflection-heavy
 * runtimes, hence these forty lines.
 * <p>
 * {@code ./mvnw -B package -DskipTests -Ptrain-model} trains on amazon and yelp and writes
 * {@code src/main/resources/sluice/model/hybrid-weights.bin.gz} and its {@code .sha256}.
 */
public final class HybridTrainer {

    public static final long SEED = 20151101L;
    public static final int EPOCHS = 12;
    public static final double LEARNING_RATE = 0.3;
    public static final double L2 = 1e-4;
    public static final List<String> TRAINING_DOMAINS = List.of("amazon", "yelp");

    private HybridTrainer() {
    }

    public static HybridFeatures features() {
        return new HybridFeatures(new VaderAnalyzer(VaderLexicon.load()), AfinnLexicon.load());
    }

    public static HybridWeights train(List<Example> examples, HybridFeatures features) {
        List<HybridFeatures.Vector> vectors = new ArrayList<>(examples.size());
        for (Example example : examples) {
            vectors.add(features.extract(example.text()));
        }
        double[] w = new double[HybridFeatures.DIMENSION];
        double[] g2 = new double[HybridFeatures.DIMENSION];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            order.add(i);
        }
        Random random = new Random(SEED);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Collections.shuffle(order, random);
            for (int n : order) {
                HybridFeatures.Vector x = vectors.get(n);
                double z = 0;
                for (int k = 0; k < x.size; k++) {
                    z += w[x.index[k]] * x.value[k];
                }
                double error = 1 / (1 + Math.exp(-z)) - examples.get(n).label();
                for (int k = 0; k < x.size; k++) {
                    int i = x.index[k];
                    double gradient = error * x.value[k] + L2 * w[i];
                    g2[i] += gradient * gradient;
                    w[i] -= LEARNING_RATE * gradient / Math.sqrt(g2[i] + 1e-8);
                }
            }
        }
        float[] weights = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            weights[i] = (float) w[i];
        }
        return new HybridWeights(weights);
    }

    /** Accuracy and confusion counts of a model on examples: [tp, fn, fp, tn]. */
    public static int[] confusion(HybridModel model, List<Example> examples) {
        int[] c = new int[4];
        for (Example example : examples) {
            boolean positive = model.probability(example.text()) >= 0.5;
            if (example.label() == 1) {
                c[positive ? 0 : 1]++;
            } else {
                c[positive ? 2 : 3]++;
            }
        }
        return c;
    }

    public static double accuracy(int[] confusion) {
        return (confusion[0] + confusion[3]) / (double) (confusion[0] + confusion[1] + confusion[2] + confusion[3]);
    }

    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args.length > 0 ? args[0] : "src/main/resources");
        HybridFeatures features = features();
        HybridWeights weights = train(LabelledSentences.load(TRAINING_DOMAINS), features);
        byte[] bytes = weights.serialize();
        String sha = HybridWeights.sha256(bytes);
        Files.write(resources.resolve(HybridWeights.RESOURCE), bytes);
        Files.writeString(resources.resolve(HybridWeights.CHECKSUM_RESOURCE), sha + "\n", StandardCharsets.US_ASCII);
        Files.writeString(resources.resolve(HybridModel.EVALUATION_RESOURCE), evaluation(features, weights), StandardCharsets.UTF_8);
        System.out.printf("trained on %s: %d bytes, sha256 %s%n", TRAINING_DOMAINS, bytes.length, sha);
        System.out.print(evaluation(features, weights));
    }

    /** The evaluation figures served by {@code GET /api/model}, as a properties file. */
    public static String evaluation(HybridFeatures features, HybridWeights weights) {
        StringBuilder out = new StringBuilder(
                "# Written by HybridTrainer (./mvnw -B process-test-classes -Ptrain-model); checked by HybridModelTest.\n");
        HybridModel model = new HybridModel(features, weights, 0.05);
        out.append(String.format(java.util.Locale.ROOT, "heldout.imdb.accuracy=%.4f%n",
                accuracy(confusion(model, LabelledSentences.load("imdb")))));
        double sum = 0;
        for (String held : LabelledSentences.DOMAINS) {
            List<String> train = new ArrayList<>(LabelledSentences.DOMAINS);
            train.remove(held);
            HybridModel fold = new HybridModel(features, train(LabelledSentences.load(train), features), 0.05);
            double accuracy = accuracy(confusion(fold, LabelledSentences.load(held)));
            sum += accuracy;
            out.append(String.format(java.util.Locale.ROOT, "leave-one-out.%s.accuracy=%.4f%n", held, accuracy));
        }
        out.append(String.format(java.util.Locale.ROOT, "leave-one-out.mean.accuracy=%.4f%n", sum / LabelledSentences.DOMAINS.size()));
        out.append("training.data=UCI Sentiment Labelled Sentences: amazon, yelp\n");
        return out.toString();
    }
}
