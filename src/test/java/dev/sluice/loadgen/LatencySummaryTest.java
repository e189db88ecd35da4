package dev.sluice.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesOfOneToAThousandMillisecondsAreWhereTheyMustBe() {
        List<MessageOutcome> outcomes = new ArrayList<>();
        for (int latency = 1; latency <= 1000; latency++) {
            outcomes.add(new MessageOutcome("m" + latency, 0, 0, 0, 10_000, 10_000L + latency, (long) latency, "positive"));
        }
        LatencySummary summary = LatencySummary.of(outcomes, 0);
        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.min()).isEqualTo(1);
        assertThat(summary.max()).isEqualTo(1000);
        assertThat(summary.mean()).isEqualTo(500.5);
        assertThat(summary.p50()).isEqualTo(500);
        assertThat(summary.p90()).isEqualTo(900);
        assertThat(summary.p99()).isEqualTo(990);
        assertThat(summary.p999()).isEqualTo(999);
        assertThat(summary.throughputPerSecond()).isEqualTo(1000.0); // 1000 results within 1 s of the first send.
    }

    @Test
    void lostMessagesAreCountedAndLeftOutOfTheLatencies() {
        List<MessageOutcome> outcomes = List.of(new MessageOutcome("a", 0, 0, 0, 0, 5L, 5L, "neutral"),
                new MessageOutcome("b", 0, null, null, 0, null, null, null));
        LatencySummary summary = LatencySummary.of(outcomes, 3);
        assertThat(summary.count()).isEqualTo(1);
        assertThat(summary.lost()).isEqualTo(1);
        assertThat(summary.duplicated()).isEqualTo(3);
        assertThat(summary.max()).isEqualTo(5);
    }
}
