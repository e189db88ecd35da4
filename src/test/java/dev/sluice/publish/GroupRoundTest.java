package dev.sluice.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.sluice.lifecycle.InFlightRecord;

class GroupRoundTest {

    private final GroupRound round = new GroupRound(List.of(record(0), record(1), record(2)));

    @Test
    void recordsAreHandedOutInOffsetOrder() {
        assertThat(round.next()).isZero();
        assertThat(round.next()).isEqualTo(1);
        assertThat(round.next()).isEqualTo(2);
        assertThat(round.next()).isEqualTo(-1);
    }

    @Test
    void nothingIsHandedOutAfterAFailure() {
        assertThat(round.next()).isZero();
        assertThat(round.failed(0)).isFalse(); // Still handing out: the round is not over yet.
        assertThat(round.next()).isEqualTo(-1);
        assertThat(round.doneHandingOut()).isTrue();
    }

    @Test
    void aFailedRoundIsOverOnlyOnceEverySendHandedOutIsAnswered() {
        round.next();
        round.next();
        assertThat(round.failed(0)).isFalse();
        assertThat(round.doneHandingOut()).isFalse();
        assertThat(round.acknowledged(1)).isTrue();
    }

    @Test
    void theNextRoundSendsTheUnacknowledgedRecordsInTheirOrder() {
        round.next();
        round.next();
        round.acknowledged(0);
        round.failed(1);
        round.doneHandingOut();
        assertThat(round.nextRound()).isEqualTo(1);
        assertThat(round.next()).isEqualTo(1);
        assertThat(round.next()).isEqualTo(2);
        assertThat(round.next()).isEqualTo(-1);
    }

    @Test
    void aRoundWithoutFailuresNeverAsksForAnother() {
        for (int i = 0; i < 3; i++) {
            assertThat(round.next()).isEqualTo(i);
        }
        assertThat(round.acknowledged(0)).isFalse();
        assertThat(round.doneHandingOut()).isFalse();
        assertThat(round.acknowledged(1)).isFalse();
        assertThat(round.acknowledged(2)).isFalse();
    }

    @Test
    void failedRoundsAreCountedForTheBackoff() {
        round.next();
        round.failed(0);
        round.doneHandingOut();
        assertThat(round.nextRound()).isEqualTo(1);
        round.next();
        round.failed(0);
        round.doneHandingOut();
        assertThat(round.nextRound()).isEqualTo(2);
    }

    private static InFlightRecord record(long offset) {
        return InFlightRecord.detached(new TopicPartition("t", 0), offset, new byte[]{1}, new byte[0]);
    }
}
