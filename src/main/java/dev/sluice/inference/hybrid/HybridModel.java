package dev.sluice.inference.hybrid;

import java.util.List;

import dev.sluice.inference.EvaluationFigures;
import dev.sluice.inference.SentimentModel;
import dev.sluice.record.Label;
import dev.sluice.record.Sentiment;

/**
 * Softmax regression over {@link HybridFeatures} with three classes (negative, positive, neutral);
 * the score is P(positive) - P(negative) and the label the most probable class. Read-only after
 * construction, so one instance serves every worker thread.
 */
public final class HybridModel implements SentimentModel {

    /** Evaluation figures written by the training command, served by {@code GET /api/model}. */
    public static final String EVALUATION_RESOURCE = "sluice/model/hybrid-evaluation.properties";

    /** Class rows in the weights, and indices into {@link #probabilities}. */
    public static final int NEGATIVE = 0;
    public static final int POSITIVE = 1;
    public static final int NEUTRAL = 2;

    private final HybridFeatures features;
    /** {@link HybridWeights#byFeature()}: a feature's weights for the three classes side by side. */
    private final float[] weightsByFeature;
    private final double neutralBand;
    /** e^bias: the factor on the neutral odds, computed once. */
    private final double neutralOdds;
    private final String version;
    /** One feature vector per worker thread, reused text after text. */
    private final ThreadLocal<HybridFeatures.Vector> vectors = ThreadLocal.withInitial(HybridFeatures.Vector::new);

    /** {@code neutralBias} is the whole shift of the neutral class's log-odds: the calibrated one plus the user's. */
    public HybridModel(HybridFeatures features, HybridWeights weights, double neutralBand, double neutralBias) {
        this.features = features;
        this.weightsByFeature = weights.byFeature();
        this.neutralBand = neutralBand;
        this.neutralOdds = Math.exp(neutralBias);
        this.version = "2+" + weights.checksum().substring(0, 10);
    }

    /** The bundled weights with their calibrated neutral bias. */
    public static HybridModel loadDefault(HybridFeatures features, double neutralBand) {
        return new HybridModel(features, HybridWeights.load(), neutralBand, calibratedNeutralBias());
    }

    /** The neutral bias leave-one-domain-out chose for the bundled weights, as their trainer wrote it. */
    public static double calibratedNeutralBias() {
        return EvaluationFigures.neutralBias(EvaluationFigures.read(EVALUATION_RESOURCE));
    }

    @Override
    public String name() {
        return "hybrid-softmax";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public java.util.Map<String, Object> evaluation() {
        return EvaluationFigures.read(EVALUATION_RESOURCE);
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public List<Sentiment> predict(List<String> texts) {
        List<Sentiment> out = new java.util.ArrayList<>(texts.size());
        double[] p = new double[HybridWeights.CLASSES];
        for (String text : texts) {
            probabilities(text, p);
            out.add(Sentiment.ofProbabilities(p[POSITIVE], p[NEGATIVE], p[NEUTRAL], neutralBand, neutralOdds));
        }
        return out;
    }

    /** A label's row in the weights and index into {@link #logits} and {@link #probabilities}. */
    public static int row(Label label) {
        return switch (label) {
            case NEGATIVE -> NEGATIVE;
            case POSITIVE -> POSITIVE;
            case NEUTRAL -> NEUTRAL;
        };
    }

    /** The class probabilities of a text, into {@code p}: negative, positive, neutral. */
    public void probabilities(String text, double[] p) {
        logits(text, p);
        double max = Math.max(p[NEGATIVE], Math.max(p[POSITIVE], p[NEUTRAL]));
        p[NEGATIVE] = Math.exp(p[NEGATIVE] - max);
        p[POSITIVE] = Math.exp(p[POSITIVE] - max);
        p[NEUTRAL] = Math.exp(p[NEUTRAL] - max);
        double sum = p[0] + p[1] + p[2];
        p[0] /= sum;
        p[1] /= sum;
        p[2] /= sum;
    }

    /** The class logits of a text, into {@code z}: negative, positive, neutral. */
    public void logits(String text, double[] z) {
        logits(features.extract(text, vectors.get()), z);
    }

    /** The class logits of a text whose features were extracted by this model's {@link HybridFeatures}, into {@code z}. */
    public void logits(HybridFeatures.Vector x, double[] z) {
        float[] w = weightsByFeature;
        double negative = 0;
        double positive = 0;
        double neutral = 0;
        for (int i = 0; i < x.size; i++) {
            int at = HybridWeights.CLASSES * x.index[i];
            float v = x.value[i];
            negative += w[at + NEGATIVE] * v;
            positive += w[at + POSITIVE] * v;
            neutral += w[at + NEUTRAL] * v;
        }
        z[NEGATIVE] = negative;
        z[POSITIVE] = positive;
        z[NEUTRAL] = neutral;
    }
}
