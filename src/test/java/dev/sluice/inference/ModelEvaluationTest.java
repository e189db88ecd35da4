package dev.sluice.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sluice.record.Label;

class ModelEvaluationTest {

    private static final int NO_SHIFT = ModelEvaluation.BIASES.indexOf(0.0);

    @Test
    void theChosenBiasWeighsNeutralRecallAsMuchAsEachPolarClassHoweverFewDomainsHaveNeutral() {
        // Three polar domains lose a little at +0.1, the one neutral domain gains much more.
        Map<String, LabelConfusion[]> confusion = Map.of("a", byBias(Label.POSITIVE, 0.9, 0.85), "b", byBias(Label.POSITIVE, 0.9, 0.85),
                "c",
                byBias(Label.NEGATIVE, 0.9, 0.85), "n", byBias(Label.NEUTRAL, 0.3, 0.6));

        assertThat(ModelEvaluation.BIASES.get(ModelEvaluation.best(confusion, List.of("a", "b", "c", "n")))).isEqualTo(0.1);
    }

    @Test
    void onATieTheRuleKeepsTheModelAsTrained() {
        Map<String, LabelConfusion[]> confusion = Map.of("a", byBias(Label.POSITIVE, 0.8, 0.8));

        assertThat(ModelEvaluation.best(confusion, List.of("a"))).isEqualTo(NO_SHIFT);
    }

    @Test
    void aSetScoredApartIsLabelledAtTheBiasItIsGiven() {
        List<LabelledTexts.Example> set = List.of(new LabelledTexts.Example("awful", Label.NEGATIVE, "set"),
                new LabelledTexts.Example("rather nice", Label.POSITIVE, "set"), new LabelledTexts.Example("a fact", Label.NEUTRAL, "set"));
        // indexed by Label.ordinal(): the second text is positive without a shift, neutral at +0.5 (0.45 e^0.5 > 0.5)
        double[][] probabilities = new double[3][Label.values().length];
        probabilities[0][Label.NEGATIVE.ordinal()] = 0.9;
        probabilities[0][Label.NEUTRAL.ordinal()] = 0.1;
        probabilities[1][Label.POSITIVE.ordinal()] = 0.5;
        probabilities[1][Label.NEUTRAL.ordinal()] = 0.45;
        probabilities[1][Label.NEGATIVE.ordinal()] = 0.05;
        probabilities[2][Label.NEUTRAL.ordinal()] = 0.8;
        probabilities[2][Label.POSITIVE.ordinal()] = 0.2;

        Map<String, Object> unshifted = ModelEvaluation.setFigures("set", set, probabilities, 0);
        Map<String, Object> shifted = ModelEvaluation.setFigures("set", set, probabilities, 0.5);

        assertThat(unshifted).containsEntry("set.strict-accuracy", 1.0).containsEntry("set.polar-labelled-neutral", 0.0)
                .containsEntry("set.confusion", "negative:1/0/0 neutral:0/1/0 positive:0/0/1");
        assertThat(shifted).containsEntry("set.polar-strict-accuracy", 0.5).containsEntry("set.polar-labelled-neutral", 0.5)
                .containsEntry("set.neutral-recall", 1.0).containsEntry("set.macro-recall", 2 / 3.0)
                .containsEntry("set.confusion", "negative:1/0/0 neutral:0/1/0 positive:0/1/0");
    }

    /** A domain of one class whose recall is {@code atZero} without a shift, {@code atPlusOne} at +0.1 and 0 elsewhere. */
    private static LabelConfusion[] byBias(Label label, double atZero, double atPlusOne) {
        LabelConfusion[] out = new LabelConfusion[ModelEvaluation.BIASES.size()];
        for (int k = 0; k < out.length; k++) {
            double recall = k == NO_SHIFT ? atZero : k == NO_SHIFT + 1 ? atPlusOne : 0;
            out[k] = new LabelConfusion();
            for (int i = 0; i < 100; i++) {
                out[k].add(label, i < Math.round(recall * 100) ? label : label == Label.NEUTRAL ? Label.POSITIVE : Label.NEUTRAL);
            }
        }
        return out;
    }
}
