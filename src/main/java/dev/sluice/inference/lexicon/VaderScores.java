package dev.sluice.inference.lexicon;

/** VADER's four figures for one text: compound in [-1, 1], and the pos/neg/neu proportions. */
public record VaderScores(double compound, double pos, double neg, double neu) {

    public static final VaderScores NONE = new VaderScores(0, 0, 0, 0);
}
