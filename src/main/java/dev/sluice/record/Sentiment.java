package dev.sluice.record;

/**
 * One text's score in [-1, 1], kept to {@link #SCORE_DECIMALS} decimal places, and the label it
 * maps to.
 */
public record Sentiment(Label label, double score) {

    /**
     * Decimal places a score keeps. The models' weights are float32, about seven significant digits:
     * six places keep what a score resolves near ±1 and drop only the far digits of scores near 0.
     * Every result writes them fixed-point, without a double-to-text conversion.
     */
    public static final int SCORE_DECIMALS = 6;
    /** 10^{@link #SCORE_DECIMALS}: a score in these units is a whole number. */
    public static final long SCORE_UNITS = (long) Math.pow(10, SCORE_DECIMALS);

    public Sentiment {
        if (!(score >= -1.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score out of [-1, 1]: " + score);
        }
        score = kept(score);
    }

    /** The score a Sentiment keeps: the nearest multiple of 10^-6 (and 0, never -0). */
    public static double kept(double score) {
        return Math.round(score * SCORE_UNITS) / (double) SCORE_UNITS;
    }

    /** The score as a whole number of 10^-6 units, exactly the digits a result writes. */
    public long scoreUnits() {
        return Math.round(score * SCORE_UNITS);
    }

    /** The label is decided on the kept score, so that a user reading the score and the band gets the same label. */
    public static Sentiment of(double score, double neutralBand) {
        double kept = kept(score);
        return new Sentiment(Label.of(kept, neutralBand), kept);
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
        double score = kept(Math.max(-1, Math.min(1, (positive - negative) / total)));
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
