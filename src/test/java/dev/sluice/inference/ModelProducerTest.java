package dev.sluice.inference;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelProducerTest {

    @Test
    void aNeutralBiasThatIsNotANumberOrBeyondTenIsRefusedByName() {
        for (double bias : new double[]{Double.NaN, Double.POSITIVE_INFINITY, -10.5, 11}) {
            assertThatThrownBy(() -> ModelProducer.checkNeutralBias(bias)).hasMessageContaining("sluice.model.neutral-bias")
                    .hasMessageContaining(String.valueOf(bias));
        }
    }

    @Test
    void aNeutralBiasWithinTenEitherWayIsAccepted() {
        for (double bias : new double[]{-10, -0.5, 0, 8, 10}) {
            assertThatCode(() -> ModelProducer.checkNeutralBias(bias)).doesNotThrowAnyException();
        }
    }
}
