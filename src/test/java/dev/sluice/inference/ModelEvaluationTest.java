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
