package dev.sluice.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SentimentTest {

    @Test
    void withoutABiasTheMostProbableClassIsTheLabelAndTheScoreIsPositiveMinusNegative() {
        Sentiment sentiment = Sentiment.ofProbabilities(0.3, 0.2, 0.5, 0.05, 1);

        assertThat(sentiment.label()).isEqualTo(Label.NEUTRAL);
        assertThat(sentiment.score()).isEqualTo(0.1); // 0.3 - 0.2 is 0.09999999999999998 in binary; six places keep 0.1.
    }

    @Test
    void aScoreKeepsSixDecimalPlaces() {
        assertThat(new Sentiment(Label.POSITIVE, 0.8730999827384949).score()).isEqualTo(0.8731);
        assertThat(new Sentiment(Label.NEGATIVE, -0.12345649).score()).isEqualTo(-0.123456);
        assertThat(new Sentiment(Label.NEGATIVE, -0.12345651).score()).isEqualTo(-0.123457);
        assertThat(new Sentiment(Label.NEUTRAL, -0.0000004).score()).isEqualTo(0.0);
    }

    @Test
    void theScoreInUnitsIsTheKeptScoreTimesAMillion() {
        assertThat(new Sentiment(Label.NEGATIVE, -0.0000016).scoreUnits()).isEqualTo(-2);
        assertThat(new Sentiment(Label.POSITIVE, 1.0).scoreUnits()).isEqualTo(1_000_000);
    }

    @Test
    void aLabelFromAScoreIsDecidedOnTheKeptScore() {
        // 0.0499996 is inside a band of 0.05; the score it keeps, 0.05, is on the band: positive.
        Sentiment sentiment = Sentiment.of(0.0499996, 0.05);

        assertThat(sentiment.score()).isEqualTo(0.05);
        assertThat(sentiment.label()).isEqualTo(Label.POSITIVE);
    }

    @Test
    void aNegativeBiasHandsATextNeutralOnlyByAMarginToTheLeadingPolarClass() {
        // neutral's odds times e^-1: 0.5 * 0.368 = 0.184 < 0.3
        Sentiment sentiment = Sentiment.ofProbabilities(0.3, 0.2, 0.5, 0.05, Math.exp(-1));

        assertThat(sentiment.label()).isEqualTo(Label.POSITIVE);
        assertThat(sentiment.score()).isCloseTo(0.1 / (0.5 + 0.5 * Math.exp(-1)), within(5e-7));
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
