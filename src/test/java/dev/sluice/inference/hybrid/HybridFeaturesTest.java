package dev.sluice.inference.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class HybridFeaturesTest {

    private static final HybridFeatures FEATURES = HybridTrainer.features();

    @Test
    void theLexiconFeaturesAreTheDenseFeaturesTheModelReadsWithoutItsBias() {
        String text = "Not good at all, but the staff were lovely!";
        HybridFeatures.Vector vector = FEATURES.extract(text);
        float[] dense = new float[HybridFeatures.DENSE];
        for (int k = 0; k < vector.size; k++) {
            if (vector.index[k] >= HybridFeatures.HASH_SIZE) {
                dense[vector.index[k] - HybridFeatures.HASH_SIZE] = vector.value[k];
            }
        }
        float[] lexicon = new float[HybridFeatures.LEXICON_FEATURES + 2];
        FEATURES.lexiconFeatures(text, lexicon, 1);
        assertThat(lexicon[0]).isZero();
        assertThat(lexicon[lexicon.length - 1]).isZero();
        assertThat(Arrays.copyOfRange(lexicon, 1, 1 + HybridFeatures.LEXICON_FEATURES))
                .containsExactly(Arrays.copyOf(dense, HybridFeatures.LEXICON_FEATURES));
        assertThat(lexicon).as("a text with sentiment words has lexicon evidence").isNotEqualTo(new float[lexicon.length]);
    }
}
