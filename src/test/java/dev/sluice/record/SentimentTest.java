package dev.sluice.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SentimentTest {

    @Test
    void withoutABiasTheMostProbableClassIsTheLabelAndTheScoreIsPositiveMinusNegative() {
        Sentiment sentiment = Sentiment.ofProbabilities(0.3, 0.2, 0.5, 0.05, 1);

        assertThat(sentiment.label()).isEqualTo(Label.NEUTRAL);
        assertThat(sentiment.score()).isEqualTo(0.3 - 0.2);
    }

    @Test
    void aNegativeBiasHandsATextNeutralOnlyByAMarginToTheLeadingPolarClass() {
        // neutral's odds times e^-1: 0.5 * 0.368 = 0.184 < 0.3
        Sentiment sentiment = Sentiment.ofProbabilities(0.3, 0.2, 0.5, 0.05, Math.exp(-1));

        assertThat(sentiment.label()).isEqualTo(Label.POSITIVE);
        assertThat(sentiment.score()).isCloseTo(0.1 / (0.5 + 0.5 * Math.exp(-1)), within(1e-12));
    }

    @Test
    void aPositiveBiasLabelsNeutralWhatWasNarrowlyPolar() {
        Sentiment sentiment = Sentiment.ofProbabilities(0.45, 0.15, 0.4, 0.05, Math.exp(0.5));

        assertThat(sentiment.label()).isEqualTo(Label.NEUTRAL);
        assertThat(sentiment.score()).isPositive();
    }

    @Test
    void aPolarWinnerInsideTheBandIsStillNeutral() {
        Sentiment sentiment = Sentiment.ofProbabilities(0.5, 0.48, 0.02, 0.05, Math.exp(-2));

        assertThat(sentiment.label()).isEqualTo(Label.NEUTRAL);
    }
}
