package dev.sluice.inference.hybrid;

import java.util.List;

import dev.sluice.inference.SentimentModel;
import dev.sluice.record.Sentiment;

/**
 * Logistic regression over {@link HybridFeatures}; the score is {@code 2p - 1} for the positive
 * probability p. Read-only after construction, so one instance serves every worker thread.
 */
public final class HybridModel implements SentimentModel {

    /** Evaluation figures written by the training command, served by {@code GET /api/model}. */
    public static final String EVALUATION_RESOURCE = "sluice/model/hybrid-evaluation.properties";

    private final HybridFeatures features;
    private final float[] weights;
    private final double neutralBand;
    private final String version;
    /** One feature vector per worker thread, reused text after text. */
    private final ThreadLocal<HybridFeatures.Vector> vectors = ThreadLocal.withInitial(HybridFeatures.Vector::new);

    public HybridModel(HybridFeatures features, HybridWeights weights, double neutralBand) {
        this.features = features;
        this.weights = weights.weights();
        this.neutralBand = neutralBand;
        this.version = "1+" + weights.checksum().substring(0, 10);
    }

    public static HybridModel loadDefault(HybridFeatures features, double neutralBand) {
        return new HybridModel(features, HybridWeights.load(), neutralBand);
    }

    @Override
    public String name() {
        return "hybrid-lr";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public java.util.Map<String, Object> evaluation() {
        java.util.Properties figures = new java.util.Properties();
        try (java.io.InputStream in = HybridModel.class.getClassLoader().getResourceAsStream(EVALUATION_RESOURCE)) {
            if (in == null) {
                return java.util.Map.of();
            }
            figures.load(in);
        } catch (java.io.IOException e) {
            return java.util.Map.of();
        }
        java.util.Map<String, Object> out = new java.util.TreeMap<>();
        figures.forEach((key, value) -> out.put(key.toString(), value.toString()));
        return out;
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public List<Sentiment> predict(List<String> texts) {
        return Sentiment.each(texts, text -> 2 * probability(text) - 1, neutralBand);
    }

    /** The probability that the text is positive. */
    public double probability(String text) {
        HybridFeatures.Vector x = features.extract(text, vectors.get());
        double z = 0;
        for (int i = 0; i < x.size; i++) {
            z += weights[x.index[i]] * x.value[i];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
