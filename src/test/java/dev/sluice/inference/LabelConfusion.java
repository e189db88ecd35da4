package dev.sluice.inference;

import java.util.List;

import dev.sluice.inference.LabelledTexts.Example;
import dev.sluice.record.Label;
import dev.sluice.record.Sentiment;

/**
 * Labels counted as users read them: which label each text of a domain got against the one it
 * has. Strict figures count a {@code neutral} label on a polar text as wrong.
 */
public final class LabelConfusion {

    private static final List<Label> ORDER = List.of(Label.NEGATIVE, Label.NEUTRAL, Label.POSITIVE);

    private final long[][] counts = new long[Label.values().length][Label.values().length];

    public static LabelConfusion of(List<Example> examples, List<Sentiment> predicted) {
        LabelConfusion confusion = new LabelConfusion();
        for (int i = 0; i < examples.size(); i++) {
            confusion.add(examples.get(i).label(), predicted.get(i).label());
        }
        return confusion;
    }

    public void add(Label actual, Label predicted) {
        counts[actual.ordinal()][predicted.ordinal()]++;
    }

    public boolean has(Label actual) {
        return total(actual) > 0;
    }

    public boolean hasPolar() {
        return has(Label.POSITIVE) || has(Label.NEGATIVE);
    }

    /** The share of the texts whose label is the one they have. */
    public double strictAccuracy() {
        long right = 0;
        long all = 0;
        for (Label actual : Label.values()) {
            right += counts[actual.ordinal()][actual.ordinal()];
            all += total(actual);
        }
        return right / (double) all;
    }

    /** The share of a class's texts given that class's label. */
    public double recall(Label actual) {
        return counts[actual.ordinal()][actual.ordinal()] / (double) total(actual);
    }

    /** The mean of the recalls of the classes the domain has. */
    public double macroRecall() {
        double sum = 0;
        int classes = 0;
        for (Label actual : Label.values()) {
            if (has(actual)) {
                sum += recall(actual);
                classes++;
            }
        }
        return sum / classes;
    }

    /** Strict accuracy over the positive and negative texts only. */
    public double polarStrictAccuracy() {
        long right = counts[Label.POSITIVE.ordinal()][Label.POSITIVE.ordinal()]
                + counts[Label.NEGATIVE.ordinal()][Label.NEGATIVE.ordinal()];
        return right / (double) (total(Label.POSITIVE) + total(Label.NEGATIVE));
    }

    /** The share of the positive and negative texts labelled neutral. */
    public double polarLabelledNeutral() {
        long neutral = counts[Label.POSITIVE.ordinal()][Label.NEUTRAL.ordinal()]
                + counts[Label.NEGATIVE.ordinal()][Label.NEUTRAL.ordinal()];
        return neutral / (double) (total(Label.POSITIVE) + total(Label.NEGATIVE));
    }

    /** Rows by actual label, counts by predicted label in the order negative, neutral, positive: {@code negative:412/80/8 ...}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Label actual : ORDER) {
            if (has(actual)) {
                out.append(out.isEmpty() ? "" : " ").append(actual.json()).append(':');
                for (Label predicted : ORDER) {
                    out.append(predicted == ORDER.get(0) ? "" : "/").append(counts[actual.ordinal()][predicted.ordinal()]);
                }
            }
        }
        return out.toString();
    }

    private long total(Label actual) {
        long sum = 0;
        for (long n : counts[actual.ordinal()]) {
            sum += n;
        }
        return sum;
    }
}
