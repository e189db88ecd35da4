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
     * From class probabilities: the score is P(positive) - P(negative); the label is the most
     * probable class, and positive or negative within the neutral band are neutral (for models
     * without a neutral class, or nearly undecided between the two).
     */
    public static Sentiment ofProbabilities(double positive, double negative, double neutral, double neutralBand) {
        double score = Math.max(-1, Math.min(1, positive - negative));
        Label label = neutral >= positive && neutral >= negative ? Label.NEUTRAL : Label.of(score, neutralBand);
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
