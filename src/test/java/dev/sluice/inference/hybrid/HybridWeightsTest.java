package dev.sluice.inference.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HybridWeightsTest {

    private static float[] distinctRows() {
        float[] rows = new float[HybridWeights.CLASSES * HybridFeatures.DIMENSION];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return rows;
    }

    @Test
    void aFeaturesWeightsForEveryClassLieSideBySide() {
        float[] byFeature = new HybridWeights(distinctRows()).byFeature();
        int feature = 12_345;

        for (int c = 0; c < HybridWeights.CLASSES; c++) {
            assertThat(byFeature[HybridWeights.CLASSES * feature + c]).isEqualTo((float) (c * HybridFeatures.DIMENSION + feature));
        }
    }

    @Test
    void serializedWeightsComeBackAsTheRowsTheyWereMadeFrom() {
        float[] rows = distinctRows();

        HybridWeights back = HybridWeights.deserialize(new HybridWeights(rows).serialize());

        assertThat(back.weights()).isEqualTo(rows);
    }
}
