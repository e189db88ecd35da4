package dev.sluice.inference.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class VaderAnalyzerTest {

    private static final VaderAnalyzer VADER = new VaderAnalyzer(VaderLexicon.load());

    @Test
    void scoresMatchTheReferenceJavaScriptImplementationOnEverySentenceOfTheFixture() throws IOException {
        assertMatchesReference("/sluice/inference/vader-reference.tsv", 3013);
    }

    @Test
    void scoresMatchTheReferenceOnSentencesAimedAtEachRule() throws IOException {
        assertMatchesReference("/sluice/inference/vader-rules-reference.tsv", 50);
    }

    /** Every sentence of a fixture written by the reference (compound, pos, neg, neu, text) scores as it says. */
    private void assertMatchesReference(String resource, int sentences) throws IOException {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(getClass().getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", 5);
                VaderScores scores = VADER.polarityScores(cols[4]);
                compared++;
                if (scores.compound() != Double.parseDouble(cols[0]) || scores.pos() != Double.parseDouble(cols[1])
                        || scores.neg() != Double.parseDouble(cols[2]) || scores.neu() != Double.parseDouble(cols[3])) {
                    mismatches.add(cols[4] + " expected " + cols[0] + "/" + cols[1] + "/" + cols[2] + "/" + cols[3] + " got " + scores);
                }
            }
        }
        assertThat(compared).isEqualTo(sentences);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void lexiconHoldsVadersSevenAndAHalfThousandTokens() {
        assertThat(VaderLexicon.load().size()).isBetween(7400, 7600);
    }

    @Test
    void negationFlipsTheSignOfAPositiveWord() {
        assertThat(VADER.polarityScores("good").compound()).isPositive();
        assertThat(VADER.polarityScores("not good").compound()).isNegative();
    }

    @Test
    void aTextScoresAsItDidAloneAfterLongerTextsOnTheSameThread() {
        VaderAnalyzer fresh = new VaderAnalyzer(VaderLexicon.load());
        String text = "The food was GOOD, but the service wasn't great :(";
        VaderScores alone = fresh.polarityScores(text);

        fresh.polarityScores("Absolutely wonderful!!! ".repeat(200) + "kind of the bomb, never so bad; at least not terrible.");

        assertThat(fresh.polarityScores(text)).isEqualTo(alone);
        assertThat(alone).isEqualTo(VADER.polarityScores(text));
    }

    @Test
    void textsWithoutWordsScoreZero() {
        assertThat(VADER.polarityScores("").compound()).isZero();
        assertThat(VADER.polarityScores("   \t\n ").compound()).isZero();
        assertThat(VADER.polarityScores("日本語のテキスト").compound()).isZero();
    }
}
