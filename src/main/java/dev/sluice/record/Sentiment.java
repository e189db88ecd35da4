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
