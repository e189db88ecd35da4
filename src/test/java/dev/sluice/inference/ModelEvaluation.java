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
 * The figures docs/MODEL.md reports for a trained model kind, judged on the label users read:
 * each domain is held out in turn and scored by a model trained on the others; the neutral bias
 * (the rule {@link Sentiment#ofProbabilities} applies) is chosen on held-out predictions only.
 * <ul>
 * <li>A domain's figures use the bias that is best on the <em>other</em> domains' held-out
 * predictions, so neither its model nor its decision rule has seen it.</li>
 * <li>The shipped bias is the one best on all held-out predictions; sluice's neutral set, never
 * used to choose anything, is scored by the shipped model at it.</li>
 * <li>"Best" is the highest macro-averaged recall over negative, neutral and positive, each class's
 * recall being its mean over the held-out domains that have it. Each class weighs a third, however
 * many domains have it: a {@code neutral} label on polar text costs as much as a polar label on
 * neutral text.</li>
 * </ul>
 */
public final class ModelEvaluation {

    /** The neutral band sluice ships with ({@code sluice.model.neutral-band}). */
    public static final double BAND = 0.05;
    /** The neutral biases tried, -4 to +2 by 0.1. */
    public static final List<Double> BIASES = java.util.stream.IntStream.rangeClosed(-40, 20).mapToObj(i -> i / 10.0).toList();

    private ModelEvaluation() {
    }

    /** A model's label probabilities for texts: one row per text, indexed by {@link Label#ordinal()}. */
    public interface ProbabilityModel {

        double[][] probabilities(List<String> texts);
    }

    /** One bias of the trade-off: means over the held-out domains (neutral recall over those that have neutral texts). */
    public record TradeoffPoint(double bias, double polarStrictAccuracy, double neutralRecall, double macroRecall,
            double neutralSetLabelledNeutral) {
    }

    /** The figures served by {@code GET /api/model} and the trade-off curve MODEL.md plots. */
    public record Calibration(Map<String, Object> figures, List<TradeoffPoint> curve) {

        public double neutralBias() {
            return (Double) figures.get(EvaluationFigures.NEUTRAL_BIAS);
        }

        public String properties(String header, String trainingData) {
            StringBuilder out = new StringBuilder("# " + header + "\n");
            figures.forEach((name, value) -> out.append(name).append('=')
                    .append(value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : value).append('\n'));
            out.append("training.data=").append(trainingData).append('\n');
            return out.toString();
        }

        /** The curve as tab-separated lines, with a header line. */
        public String curveTsv() {
            StringBuilder out = new StringBuilder(
                    "bias\tpolar-strict-accuracy\tneutral-recall\tmacro-recall\tneutral-set-labelled-neutral\n");
            for (TradeoffPoint point : curve) {
                out.append(String.format(Locale.ROOT, "%.1f\t%.4f\t%.4f\t%.4f\t%.4f%n", point.bias(), point.polarStrictAccuracy(),
                        point.neutralRecall(), point.macroRecall(), point.neutralSetLabelledNeutral()));
            }
            return out.toString();
        }
    }

    /** Labels from probabilities as the served model gives them at a neutral bias. */
    public static List<Sentiment> decide(double[][] probabilities, double bias) {
        List<Sentiment> out = new ArrayList<>(probabilities.length);
        double odds = Math.exp(bias);
        for (double[] p : probabilities) {
            out.add(Sentiment.ofProbabilities(p[Label.POSITIVE.ordinal()], p[Label.NEGATIVE.ordinal()], p[Label.NEUTRAL.ordinal()], BAND,
                    odds));
        }
        return out;
    }

    public static double neutralShare(List<Sentiment> predicted) {
        return predicted.stream().filter(s -> s.label() == Label.NEUTRAL).count() / (double) predicted.size();
    }

    /** Accuracy on the polar texts by the sign of the score alone: a diagnostic of the evidence, not what users read. */
    public static double signAccuracy(List<Example> examples, List<Sentiment> predicted) {
        int right = 0;
        int total = 0;
        for (int i = 0; i < examples.size(); i++) {
            Label actual = examples.get(i).label();
            if (actual != Label.NEUTRAL) {
                total++;
                right += (predicted.get(i).score() > 0) == (actual == Label.POSITIVE) ? 1 : 0;
            }
        }
        return right / (double) total;
    }

    public static Calibration calibrate(Function<List<Example>, ProbabilityModel> trainedOn, ProbabilityModel shipped) {
        List<String> domains = LabelledTexts.DOMAINS;
        Map<String, List<Example>> examples = new LinkedHashMap<>();
        Map<String, double[][]> heldOut = new LinkedHashMap<>();
        for (String held : domains) {
            List<String> others = new ArrayList<>(domains);
            others.remove(held);
            examples.put(held, LabelledTexts.evaluation(held));
            heldOut.put(held, trainedOn.apply(LabelledTexts.training(others))
                    .probabilities(examples.get(held).stream().map(Example::text).toList()));
        }
        // confusion.get(domain)[k]: the held-out domain's labels at BIASES.get(k)
        Map<String, LabelConfusion[]> confusion = new LinkedHashMap<>();
        for (String domain : domains) {
            LabelConfusion[] byBias = new LabelConfusion[BIASES.size()];
            for (int k = 0; k < BIASES.size(); k++) {
                byBias[k] = LabelConfusion.of(examples.get(domain), decide(heldOut.get(domain), BIASES.get(k)));
            }
            confusion.put(domain, byBias);
        }
        double[][] neutralSet = shipped.probabilities(LabelledTexts.neutralSet());

        Map<String, Object> figures = new LinkedHashMap<>();
        double strictSum = 0;
        double macroSum = 0;
        for (String domain : domains) {
            List<String> others = domains.stream().filter(d -> !d.equals(domain)).toList();
            int k = best(confusion, others);
            LabelConfusion at = confusion.get(domain)[k];
            String prefix = "leave-one-out." + domain + ".";
            figures.put(prefix + "strict-accuracy", at.strictAccuracy());
            figures.put(prefix + "macro-recall", at.macroRecall());
            if (at.hasPolar()) {
                figures.put(prefix + "polar-labelled-neutral", at.polarLabelledNeutral());
            }
            if (at.has(Label.NEUTRAL)) {
                figures.put(prefix + "neutral-recall", at.recall(Label.NEUTRAL));
            }
            if (at.hasPolar()) {
                figures.put(prefix + "sign-accuracy", signAccuracy(examples.get(domain), decide(heldOut.get(domain), 0)));
            }
            figures.put(prefix + "neutral-bias", BIASES.get(k));
            figures.put(prefix + "confusion", at.toString());
            strictSum += at.strictAccuracy();
            macroSum += at.macroRecall();
        }
        figures.put("leave-one-out.mean.strict-accuracy", strictSum / domains.size());
        figures.put("leave-one-out.mean.macro-recall", macroSum / domains.size());
        int shippedAt = best(confusion, domains);
        figures.put(EvaluationFigures.NEUTRAL_BIAS, BIASES.get(shippedAt));
        figures.put("neutral-set.labelled-neutral", neutralShare(decide(neutralSet, BIASES.get(shippedAt))));
        List<Example> prose = LabelledTexts.proseSet();
        figures.putAll(setFigures("prose-set", prose, shipped.probabilities(prose.stream().map(Example::text).toList()),
                BIASES.get(shippedAt)));

        List<TradeoffPoint> curve = new ArrayList<>();
        for (int k = 0; k < BIASES.size(); k++) {
            int at = k;
            double[] means = polarStrictAndNeutralRecall(domains.stream().map(d -> confusion.get(d)[at]).toList());
            curve.add(new TradeoffPoint(BIASES.get(k), means[0], means[1], macroRecall(confusion, domains, k),
                    neutralShare(decide(neutralSet, BIASES.get(k)))));
        }
        return new Calibration(figures, curve);
    }

    /**
     * The figures of a set scored apart from the held-out domains, labelled as the shipped model
     * labels them at {@code bias}: strict accuracy, macro recall, strict accuracy on its polar texts,
     * the share of those labelled neutral, neutral recall and the confusion matrix.
     */
    public static Map<String, Object> setFigures(String name, List<Example> examples, double[][] probabilities, double bias) {
        LabelConfusion at = LabelConfusion.of(examples, decide(probabilities, bias));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(name + ".strict-accuracy", at.strictAccuracy());
        figures.put(name + ".macro-recall", at.macroRecall());
        figures.put(name + ".polar-strict-accuracy", at.polarStrictAccuracy());
        figures.put(name + ".polar-labelled-neutral", at.polarLabelledNeutral());
        figures.put(name + ".neutral-recall", at.recall(Label.NEUTRAL));
        figures.put(name + ".confusion", at.toString());
        return figures;
    }

    /**
     * A point of the trade-off: strict accuracy on polar text averaged over the domains that have
     * polar texts, and neutral recall averaged over those that have neutral ones.
     */
    public static double[] polarStrictAndNeutralRecall(List<LabelConfusion> domains) {
        double polar = 0;
        int withPolar = 0;
        double neutral = 0;
        int withNeutral = 0;
        for (LabelConfusion domain : domains) {
            if (domain.hasPolar()) {
                polar += domain.polarStrictAccuracy();
                withPolar++;
            }
            if (domain.has(Label.NEUTRAL)) {
                neutral += domain.recall(Label.NEUTRAL);
                withNeutral++;
            }
        }
        return new double[]{polar / withPolar, neutral / withNeutral};
    }

    /** The rule's order: a higher macro recall wins; on a tie, the bias nearest 0 (no shift). */
    public static boolean better(double score, double bias, double bestScore, double bestBias) {
        return score > bestScore + 1e-12 || (Math.abs(score - bestScore) <= 1e-12 && Math.abs(bias) < Math.abs(bestBias));
    }

    /** The bias index with the highest macro recall over {@code domains}; on a tie the one nearest 0 (no shift). */
    static int best(Map<String, LabelConfusion[]> confusion, List<String> domains) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < BIASES.size(); k++) {
            double score = macroRecall(confusion, domains, k);
            if (better(score, BIASES.get(k), bestScore, BIASES.get(best))) {
                best = k;
                bestScore = score;
            }
        }
        return best;
    }

    /** The mean over negative, neutral and positive of each class's recall averaged over the domains that have it. */
    static double macroRecall(Map<String, LabelConfusion[]> confusion, List<String> domains, int k) {
        double sum = 0;
        int classes = 0;
        for (Label label : Label.values()) {
            double recall = 0;
            int having = 0;
            for (String domain : domains) {
                LabelConfusion at = confusion.get(domain)[k];
                if (at.has(label)) {
                    recall += at.recall(label);
                    having++;
                }
            }
            if (having > 0) {
                sum += recall / having;
                classes++;
            }
        }
        return sum / classes;
    }
}
