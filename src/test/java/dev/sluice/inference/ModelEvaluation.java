package dev.sluice.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.sluice.inference.LabelledTexts.Example;
import dev.sluice.record.Label;
import dev.sluice.record.Sentiment;

/**
 * The figures docs/MODEL.md reports for every model kind: accuracy on positive/negative texts of a
 * held-out domain (by the sign of the score, so a neutral label does not count against it), the
 * share of those texts labelled neutral, and the share of sluice's neutral set labelled neutral.
 */
public final class ModelEvaluation {

    private ModelEvaluation() {
    }

    /** A batch scorer: texts in, one sentiment per text out. */
    public interface Scorer extends Function<List<String>, List<Sentiment>> {
    }

    public static List<Sentiment> score(Scorer scorer, List<String> texts) {
        List<Sentiment> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i += 64) {
            out.addAll(scorer.apply(texts.subList(i, Math.min(texts.size(), i + 64))));
        }
        return out;
    }

    /** Accuracy on the positive and negative examples: positive when the score is above zero. */
    public static double polarityAccuracy(List<Example> examples, List<Sentiment> predicted) {
        int right = 0;
        int total = 0;
        for (int i = 0; i < examples.size(); i++) {
            Label actual = examples.get(i).label();
            if (actual != Label.NEUTRAL) {
                total++;
                if ((predicted.get(i).score() > 0) == (actual == Label.POSITIVE)) {
                    right++;
                }
            }
        }
        return right / (double) total;
    }

    /** The share of the positive and negative examples that were labelled neutral. */
    public static double neutralShareOfPolar(List<Example> examples, List<Sentiment> predicted) {
        int neutral = 0;
        int total = 0;
        for (int i = 0; i < examples.size(); i++) {
            if (examples.get(i).label() != Label.NEUTRAL) {
                total++;
                neutral += predicted.get(i).label() == Label.NEUTRAL ? 1 : 0;
            }
        }
        return neutral / (double) total;
    }

    public static double neutralShare(List<Sentiment> predicted) {
        return predicted.stream().filter(s -> s.label() == Label.NEUTRAL).count() / (double) predicted.size();
    }

    /**
     * Leave-one-domain-out figures (each domain scored by a model trained on the others' examples)
     * and the neutral-set share, as the properties {@code GET /api/model} serves.
     */
    public static Map<String, Double> figures(Function<List<Example>, Scorer> trainedOn, Scorer shipped) {
        Map<String, Double> figures = new LinkedHashMap<>();
        double sum = 0;
        for (String held : LabelledTexts.DOMAINS) {
            List<Example> examples = LabelledTexts.evaluation(held);
            List<String> others = new ArrayList<>(LabelledTexts.DOMAINS);
            others.remove(held);
            List<Sentiment> predicted = score(trainedOn.apply(LabelledTexts.training(others)),
                    examples.stream().map(Example::text).toList());
            double accuracy = polarityAccuracy(examples, predicted);
            sum += accuracy;
            figures.put("leave-one-out." + held + ".accuracy", accuracy);
            figures.put("leave-one-out." + held + ".polar-labelled-neutral", neutralShareOfPolar(examples, predicted));
        }
        figures.put("leave-one-out.mean.accuracy", sum / LabelledTexts.DOMAINS.size());
        figures.put("neutral-set.labelled-neutral", neutralShare(score(shipped, LabelledTexts.neutralSet())));
        return figures;
    }

    public static String properties(String header, Map<String, Double> figures, String trainingData) {
        StringBuilder out = new StringBuilder("# " + header + "\n");
        figures.forEach((name, value) -> out.append(String.format(Locale.ROOT, "%s=%.4f%n", name, value)));
        out.append("training.data=").append(trainingData).append('\n');
        return out.toString();
    }
}
