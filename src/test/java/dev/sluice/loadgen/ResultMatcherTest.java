package dev.sluice.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ResultMatcherTest {

    @Test
    void aSecondResultForAnIdIsADuplicateAndAMissingOneIsLost() {
        ResultMatcher matcher = new ResultMatcher();
        matcher.sent("a", 0, 100);
        matcher.sent("b", 1, 110);
        assertThat(matcher.received("a", 0, 3, 150, "positive")).isTrue();
        assertThat(matcher.received("a", 1, 3, 160, "positive")).isFalse();
        assertThat(matcher.received("zzz", 0, 3, 170, "negative")).isFalse();
        List<MessageOutcome> outcomes = matcher.outcomes();
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0)).isEqualTo(new MessageOutcome("a", 0, 0, 3, 100, 150L, 50L, "positive"));
        assertThat(outcomes.get(1).lost()).isTrue();
        assertThat(matcher.duplicated()).isEqualTo(1);
        assertThat(matcher.unknown()).isEqualTo(1);
        assertThat(matcher.complete(2)).isFalse();
    }
}
