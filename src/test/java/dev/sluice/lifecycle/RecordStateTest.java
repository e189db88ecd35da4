package dev.sluice.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RecordStateTest {

    @Test
    void anEndedRecordMovesNowhere() {
        for (RecordState next : RecordState.values()) {
            assertThat(RecordState.ENDED.canMoveTo(next)).as("ENDED -> %s", next).isFalse();
        }
    }

    @Test
    void noStateLeadsBackToTaken() {
        for (RecordState from : RecordState.values()) {
            assertThat(from.canMoveTo(RecordState.TAKEN)).as("%s -> TAKEN", from).isFalse();
        }
    }

    @Test
    void everyStateButEndedCanReachEnded() {
        for (RecordState from : EnumSet.complementOf(EnumSet.of(RecordState.ENDED))) {
            assertThat(reachable(from)).as("from %s", from).contains(RecordState.ENDED);
        }
    }

    @Test
    void onlyAPublishedRecordEndsExceptOneSupersededAtIntake() {
        for (RecordState from : RecordState.values()) {
            boolean expected = from == RecordState.PUBLISHING || from == RecordState.TAKEN;
            assertThat(from.canMoveTo(RecordState.ENDED)).as("%s -> ENDED", from).isEqualTo(expected);
        }
    }

    @Test
    void anIllegalMoveThrowsWhereAssertionsAreOnAndIsCounted() {
        InFlightRecord record = InFlightRecord.detached(new TopicPartition("t", 0), 0, null, new byte[0]);
        long before = RecordState.illegalMoves();
        assertThatThrownBy(() -> record.moveTo(RecordState.PUBLISHING)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TAKEN -> PUBLISHING");
        assertThat(RecordState.illegalMoves()).isEqualTo(before + 1);
    }

    @Test
    void aLegalMoveChangesTheState() {
        InFlightRecord record = InFlightRecord.detached(new TopicPartition("t", 0), 0, null, new byte[0]);
        record.moveTo(RecordState.BATCHED);
        assertThat(record.state()).isEqualTo(RecordState.BATCHED);
    }

    private static EnumSet<RecordState> reachable(RecordState from) {
        EnumSet<RecordState> seen = EnumSet.noneOf(RecordState.class);
        java.util.ArrayDeque<RecordState> todo = new java.util.ArrayDeque<>(java.util.List.of(from));
        while (!todo.isEmpty()) {
            RecordState state = todo.poll();
            for (RecordState next : RecordState.values()) {
                if (state.canMoveTo(next) && seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        return seen;
    }
}
