package dev.sluice.record;

/** One text's score in [-1, 1] and the label it maps to. */
public record Sentiment(Label label, double score) {

    public Sentiment {
        if (!(score >= -1.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score out of [-1, 1]: " + score);
        }
    }

    public static Sentiment of(double score, double neutralBand) {
        return new Sentiment(Label.of(score, neutralBand), score);
    }

    /**
     * From class probabilities: the neutral class's odds are first multiplied by {@code neutralOdds},
     * e^bias (a class-prior shift, chosen per model by leave-one-domain-out, docs/MODEL.md; models
     * compute the factor once, not per text), and the three renormalized; the score is then P(positive) - P(negative) and the label the most probable
     * class, with positive or negative within the neutral band labelled neutral (for models without a
     * neutral class, or nearly undecided between the two).
     */
    public static Sentiment ofProbabilities(double positive, double negative, double neutral, double neutralBand, double neutralOdds) {
        double shifted = neutral * neutralOdds;
        // The probabilities come normalized: without a shift they stay as they are, to the bit.
        double total = neutralOdds == 1 ? 1 : positive + negative + shifted;
        double score = Math.max(-1, Math.min(1, (positive - negative) / total));
        Label label = shifted >= positive && shifted >= negative ? Label.NEUTRAL : Label.of(score, neutralBand);
        return new Sentiment(label, score);
    }

    /** Scores each text on its own, for models whose batch call is a loop. */
    public static java.util.List<Sentiment> each(java.util.List<String> texts, java.util.function.ToDoubleFunction<String> score,
            double neutralBand) {
        java.util.List<Sentiment> out = new java.util.ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(of(score.applyAsDouble(text), neutralBand));
        }
        return out;
    }
}
