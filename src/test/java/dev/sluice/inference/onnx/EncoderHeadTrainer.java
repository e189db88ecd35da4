package dev.sluice.inference.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.sluice.inference.LabelledTexts;
import dev.sluice.inference.LabelledTexts.Example;
import dev.sluice.inference.ModelEvaluation;
import dev.sluice.inference.hybrid.HybridFeatures;
import dev.sluice.inference.hybrid.HybridModel;
import dev.sluice.inference.hybrid.HybridTrainer;
import dev.sluice.record.Label;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * Trains the bundled classifier's head (and the candidates' in {@link EncoderComparison}): softmax
 * regression over the encoder's pooled, normalized embeddings and the lexicon features after them,
 * by full-batch gradient descent from zero, each domain and then each class weighing as much as any
 * other, so the same embeddings always give the same head. A dense 390 x 3 regression is a few
 * lines; an ML library would bring a runtime for nothing else.
 * <p>
 * {@code ./mvnw -B process-test-classes -Ptrain-model} writes
 * {@code src/main/resources/sluice/model/bge-small/head.json} and {@code evaluation.properties}.
 */
public final class EncoderHeadTrainer {

    public static final int ITERATIONS = 400;
    public static final double LEARNING_RATE = 4.0;
    public static final double L2 = 1e-5;
    /**
     * The lexicon features are scaled by this while the head learns (folded into its weights after):
     * they are up to 2 where a unit embedding's entries are near 0.05, and at full size they take
     * the gradient's steps. Chosen on the held-out evaluation from 0.1, 0.3, 0.5 and 1 (docs/MODEL.md).
     */
    public static final double LEXICON_SCALE = 0.1;
    public static final List<Label> CLASSES = List.of(Label.NEGATIVE, Label.POSITIVE, Label.NEUTRAL);

    private final OnnxSentimentModel encoder;
    private final Map<String, float[]> cache = new HashMap<>();

    public EncoderHeadTrainer(OnnxSentimentModel encoder) {
        this.encoder = encoder;
    }

    /** The bundled encoder with a placeholder head: its embeddings and its scoring of a given head are used. */
    public static OnnxSentimentModel encoder() {
        return encoder(OnnxModelLoader.BUNDLED);
    }

    /** An encoder on the class path ({@link ModelFiles} names to resources) with a placeholder head as wide as its descriptor says. */
    public static OnnxSentimentModel encoder(Map<String, String> resources) {
        ModelFiles files = ModelFiles.classPath(resources);
        ModelDescriptor descriptor = ModelDescriptor.read(files);
        return OnnxSentimentModel.load(files, descriptor, placeholderHead(descriptor),
                new OnnxSentimentModel.Options(256, 0, OptLevel.ALL_OPT, 0.05), Map.of());
    }

    /** A head of zeros for a 384-wide encoder, with room for the lexicon features when its descriptor asks for them. */
    static LinearHead placeholderHead(ModelDescriptor descriptor) {
        int inputs = 384 + (descriptor.lexiconFeatures() ? HybridFeatures.LEXICON_FEATURES : 0);
        return new LinearHead(new float[CLASSES.size()][inputs], new float[CLASSES.size()]);
    }

    /** What the head reads of texts ({@link OnnxSentimentModel#headInputs}), each computed once per trainer. */
    public float[][] embed(List<String> texts) {
        List<String> missing = texts.stream().filter(t -> !cache.containsKey(t)).distinct().toList();
        for (int i = 0; i < missing.size(); i += 64) {
            List<String> batch = missing.subList(i, Math.min(missing.size(), i + 64));
            List<float[]> vectors = encoder.headInputs(batch);
            for (int k = 0; k < batch.size(); k++) {
                cache.put(batch.get(k), vectors.get(k));
            }
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            out[i] = cache.get(texts.get(i));
        }
        return out;
    }

    public LinearHead train(List<Example> examples) {
        float[][] x = scaled(embed(examples.stream().map(Example::text).toList()));
        int[] y = examples.stream().mapToInt(e -> CLASSES.indexOf(e.label())).toArray();
        int classes = CLASSES.size();
        int dimension = x[0].length;
        double[] weight = LabelledTexts.balancedWeights(examples);
        double[][] w = new double[classes][dimension];
        double[] b = new double[classes];
        double[] p = new double[classes];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[][] gw = new double[classes][dimension];
            double[] gb = new double[classes];
            for (int n = 0; n < x.length; n++) {
                softmax(w, b, x[n], p);
                for (int c = 0; c < classes; c++) {
                    double error = weight[n] * (p[c] - (c == y[n] ? 1 : 0));
                    gb[c] += error;
                    for (int i = 0; i < dimension; i++) {
                        gw[c][i] += error * x[n][i];
                    }
                }
            }
            for (int c = 0; c < classes; c++) {
                b[c] -= LEARNING_RATE * gb[c] / x.length;
                for (int i = 0; i < dimension; i++) {
                    w[c][i] -= LEARNING_RATE * (gw[c][i] / x.length + L2 * w[c][i]);
                }
            }
        }
        float[][] weights = new float[classes][dimension];
        float[] bias = new float[classes];
        int lexiconFrom = dimension - lexiconFeatures();
        for (int c = 0; c < classes; c++) {
            bias[c] = (float) b[c];
            for (int i = 0; i < dimension; i++) {
                weights[c][i] = (float) (i < lexiconFrom ? w[c][i] : w[c][i] * LEXICON_SCALE);
            }
        }
        return new LinearHead(weights, bias);
    }

    private int lexiconFeatures() {
        return encoder.lexiconFeatures() ? HybridFeatures.LEXICON_FEATURES : 0;
    }

    /** The inputs as the head learns from them: the lexicon features times {@link #LEXICON_SCALE}, copies. */
    private float[][] scaled(float[][] inputs) {
        float[][] out = new float[inputs.length][];
        for (int n = 0; n < inputs.length; n++) {
            out[n] = inputs[n].clone();
            for (int i = out[n].length - lexiconFeatures(); i < out[n].length; i++) {
                out[n][i] *= (float) LEXICON_SCALE;
            }
        }
        return out;
    }

    private static void softmax(double[][] w, double[] b, float[] x, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < b.length; c++) {
            double s = b[c];
            for (int i = 0; i < x.length; i++) {
                s += w[c][i] * x[i];
            }
            p[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < b.length; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < b.length; c++) {
            p[c] /= sum;
        }
    }

    /**
     * Leave-one-domain-out figures ({@link ModelEvaluation}) of heads trained as {@code shipped} was.
     * When the descriptor blends in the hybrid model, each held-out domain's head is blended with a
     * hybrid model trained on the same domains, and the shipped head with one trained on all of them
     * (the bundled weights: the same data give the same weights to the bit).
     */
    public ModelEvaluation.Calibration calibration(LinearHead shipped) {
        return ModelEvaluation.calibrate(examples -> probabilities(train(examples), hybridTrainedOn(examples)),
                probabilities(shipped, hybridTrainedOn(LabelledTexts.training(LabelledTexts.DOMAINS))));
    }

    private HybridModel hybridTrainedOn(List<Example> examples) {
        if (encoder.hybridShare() == 0) {
            return null;
        }
        HybridFeatures features = HybridTrainer.features();
        return new HybridModel(features, HybridTrainer.train(examples, features), ModelEvaluation.BAND, 0);
    }

    /** A head's label probabilities as served, on cached embeddings, with this hybrid model blended in (null: none). */
    private ModelEvaluation.ProbabilityModel probabilities(LinearHead head, HybridModel hybrid) {
        return texts -> {
            float[][] embeddings = embed(texts);
            double[][] out = new double[embeddings.length][];
            for (int i = 0; i < embeddings.length; i++) {
                out[i] = encoder.probabilities(head, hybrid, embeddings[i], texts.get(i));
            }
            return out;
        };
    }

    public static String json(LinearHead head) {
        StringBuilder out = new StringBuilder("{\n  \"weights\": [\n");
        for (int c = 0; c < head.classes(); c++) {
            out.append("    [");
            for (int i = 0; i < head.dimension(); i++) {
                out.append(i == 0 ? "" : ", ").append(head.weights()[c][i]);
            }
            out.append(c + 1 < head.classes() ? "],\n" : "]\n");
        }
        out.append("  ],\n  \"bias\": [");
        for (int c = 0; c < head.classes(); c++) {
            out.append(c == 0 ? "" : ", ").append(head.bias()[c]);
        }
        return out.append("]\n}\n").toString();
    }

    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args.length > 0 ? args[0] : "src/main/resources");
        long start = System.nanoTime();
        try (OnnxSentimentModel encoder = encoder()) {
            EncoderHeadTrainer trainer = new EncoderHeadTrainer(encoder);
            LinearHead head = trainer.train(LabelledTexts.training(LabelledTexts.DOMAINS));
            System.out.printf(Locale.ROOT, "embedded %d texts and trained in %.1f s%n", trainer.cache.size(),
                    (System.nanoTime() - start) / 1e9);
            ModelEvaluation.Calibration calibration = trainer.calibration(head);
            String evaluation = calibration.properties("Written by EncoderHeadTrainer (./mvnw -B process-test-classes -Ptrain-model).",
                    LabelledTexts.SOURCES);
            Files.writeString(resources.resolve("sluice/model/bge-small/head.json"), json(head), StandardCharsets.UTF_8);
            Files.writeString(resources.resolve(OnnxModelLoader.BUNDLED_EVALUATION), evaluation, StandardCharsets.UTF_8);
            Path docs = Path.of(args.length > 1 ? args[1] : "docs/model");
            Files.createDirectories(docs);
            Files.writeString(docs.resolve("bge-small-neutral-tradeoff.tsv"), calibration.curveTsv(), StandardCharsets.UTF_8);
            System.out.print(evaluation);
            System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
    }
}
