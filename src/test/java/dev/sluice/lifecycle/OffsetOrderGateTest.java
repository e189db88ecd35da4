package dev.sluice.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetOrderGateTest {

    private static final TopicPartition P0 = new TopicPartition("sluice.requests", 0);
    private static final TopicPartition P1 = new TopicPartition("sluice.requests", 1);

    @Test
    void aLaterRecordDecidedFirstWaitsForTheEarlierOnesOfItsPartition() {
        OffsetOrderGate gate = new OffsetOrderGate();
        InFlightRecord first = registered(gate, P0, 0);
        InFlightRecord second = registered(gate, P0, 1);
        InFlightRecord third = registered(gate, P0, 2);
        assertThat(gate.decided(third)).isEmpty();
        assertThat(gate.decided(second)).isEmpty();
        assertThat(gate.decided(first)).containsExactly(first, second, third);
    }

    @Test
    void partitionsDoNotWaitForEachOther() {
        OffsetOrderGate gate = new OffsetOrderGate();
        registered(gate, P0, 0);
        InFlightRecord other = registered(gate, P1, 0);
        assertThat(gate.decided(other)).containsExactly(other);
    }

    @Test
    void aRecordEndedWithoutAnOutcomeLetsTheNextOnesGoButIsNotSent() {
        OffsetOrderGate gate = new OffsetOrderGate();
        InFlightRecord superseded = registered(gate, P0, 0);
        InFlightRecord next = registered(gate, P0, 1);
        assertThat(gate.decided(next)).isEmpty();
        assertThat(gate.skipped(superseded)).containsExactly(next);
    }

    @Test
    void aDroppedPartitionReleasesNothingMore() {
        OffsetOrderGate gate = new OffsetOrderGate();
        InFlightRecord first = registered(gate, P0, 0);
        InFlightRecord second = registered(gate, P0, 1);
        gate.decided(second);
        gate.drop(P0);
        assertThat(gate.decided(first)).isEmpty();
    }

    @Test
    void inAnyDecisionOrderEveryRecordIsReleasedOnceAndInOffsetOrder() {
        Random random = new Random(5);
        for (int round = 0; round < 200; round++) {
            OffsetOrderGate gate = new OffsetOrderGate();
            List<InFlightRecord> records = new ArrayList<>();
            for (int offset = 0; offset < 50; offset++) {
                records.add(registered(gate, P0, offset));
            }
            List<InFlightRecord> order = new ArrayList<>(records);
            Collections.shuffle(order, random);
            List<InFlightRecord> released = new ArrayList<>();
            for (InFlightRecord record : order) {
                released.addAll(gate.decided(record));
            }
            assertThat(released).containsExactlyElementsOf(records);
        }
    }

    private static InFlightRecord registered(OffsetOrderGate gate, TopicPartition partition, long offset) {
        InFlightRecord record = InFlightRecord.detached(partition, offset, null, new byte[0]);
        gate.register(record);
        return record;
    }
}
