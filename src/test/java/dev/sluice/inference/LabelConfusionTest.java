package dev.sluice.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.sluice.record.Label;

class LabelConfusionTest {

    @Test
    void aNeutralLabelOnPolarTextCountsAsWrongInStrictAccuracy() {
        LabelConfusion confusion = new LabelConfusion();
        confusion.add(Label.POSITIVE, Label.POSITIVE);
        confusion.add(Label.POSITIVE, Label.NEUTRAL);
        confusion.add(Label.NEGATIVE, Label.NEGATIVE);
        confusion.add(Label.NEGATIVE, Label.NEUTRAL);

        assertThat(confusion.strictAccuracy()).isEqualTo(0.5);
        assertThat(confusion.polarLabelledNeutral()).isEqualTo(0.5);
    }

    @Test
    void macroRecallAveragesOnlyTheClassesTheDomainHas() {
        LabelConfusion confusion = new LabelConfusion();
        for (int i = 0; i < 9; i++) {
            confusion.add(Label.POSITIVE, Label.POSITIVE);
        }
        confusion.add(Label.POSITIVE, Label.NEGATIVE);
        confusion.add(Label.NEGATIVE, Label.POSITIVE);

        // positive recall 0.9, negative recall 0, no neutral texts
        assertThat(confusion.macroRecall()).isCloseTo(0.45, within(1e-12));
        assertThat(confusion.has(Label.NEUTRAL)).isFalse();
    }

    @Test
    void theMatrixReadsByActualLabelInTheOrderNegativeNeutralPositive() {
        LabelConfusion confusion = new LabelConfusion();
        confusion.add(Label.NEGATIVE, Label.NEUTRAL);
        confusion.add(Label.NEUTRAL, Label.POSITIVE);
        confusion.add(Label.NEUTRAL, Label.NEUTRAL);

        assertThat(confusion).hasToString("negative:0/1/0 neutral:0/1/1");
    }
}
