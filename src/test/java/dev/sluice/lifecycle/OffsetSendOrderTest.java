package dev.sluice.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetSendOrderTest {

    private static final TopicPartition P0 = new TopicPartition("sluice.requests", 0);
    private static final TopicPartition P1 = new TopicPartition("sluice.requests", 1);

    @Test
    void aLaterRecordDecidedFirstWaitsForTheEarlierOnesOfItsPartition() {
        OffsetSendOrder gate = new OffsetSendOrder();
        InFlightRecord first = registered(gate, P0, 0);
        InFlightRecord second = registered(gate, P0, 1);
        InFlightRecord third = registered(gate, P0, 2);
        assertThat(decided(gate, third)).isEmpty();
        assertThat(decided(gate, second)).isEmpty();
        assertThat(decided(gate, first)).containsExactly(first, second, third);
    }

    @Test
    void partitionsDoNotWaitForEachOther() {
        OffsetSendOrder gate = new OffsetSendOrder();
        registered(gate, P0, 0);
        InFlightRecord other = registered(gate, P1, 0);
        assertThat(decided(gate, other)).containsExactly(other);
    }

    @Test
    void aRecordEndedWithoutAnOutcomeLetsTheNextOnesGoButIsNotSent() {
        OffsetSendOrder gate = new OffsetSendOrder();
        InFlightRecord superseded = registered(gate, P0, 0);
        InFlightRecord next = registered(gate, P0, 1);
        assertThat(decided(gate, next)).isEmpty();
        assertThat(skipped(gate, superseded)).containsExactly(next);
    }

    @Test
    void aDroppedPartitionReleasesNothingMore() {
        OffsetSendOrder gate = new OffsetSendOrder();
        InFlightRecord first = registered(gate, P0, 0);
        InFlightRecord second = registered(gate, P0, 1);
        decided(gate, second);
        gate.drop(P0);
        assertThat(decided(gate, first)).isEmpty();
    }

    @Test
    void inAnyDecisionOrderEveryRecordIsReleasedOnceAndInOffsetOrder() {
        Random random = new Random(5);
        for (int round = 0; round < 200; round++) {
            OffsetSendOrder gate = new OffsetSendOrder();
            List<InFlightRecord> records = new ArrayList<>();
            for (int offset = 0; offset < 50; offset++) {
                records.add(registered(gate, P0, offset));
            }
            List<InFlightRecord> order = new ArrayList<>(records);
            Collections.shuffle(order, random);
            List<InFlightRecord> released = new ArrayList<>();
            for (InFlightRecord record : order) {
                released.addAll(decided(gate, record));
            }
            assertThat(released).containsExactlyElementsOf(records);
        }
    }

    private static InFlightRecord registered(OffsetSendOrder gate, TopicPartition partition, long offset) {
        InFlightRecord record = InFlightRecord.detached(partition, offset, null, new byte[0]);
        gate.register(record);
        return record;
    }

    /** What deciding one record lets go, flattened in send order. */
    private static List<InFlightRecord> decided(OffsetSendOrder gate, InFlightRecord record) {
        List<List<InFlightRecord>> out = new ArrayList<>();
        gate.release(List.of(record), out);
        return out.stream().flatMap(List::stream).toList();
    }

    private static List<InFlightRecord> skipped(OffsetSendOrder gate, InFlightRecord record) {
        List<List<InFlightRecord>> out = new ArrayList<>();
        gate.skipped(record, out);
        return out.stream().flatMap(List::stream).toList();
    }

    @Test
    void aLanesGroupDecidedAheadOfAnEarlierRecordGoesOnceThatRecordIsDecided() {
        OffsetSendOrder gate = new OffsetSendOrder();
        InFlightRecord first = registered(gate, P0, 0);
        InFlightRecord second = registered(gate, P0, 1);
        InFlightRecord third = registered(gate, P0, 2);
        List<List<InFlightRecord>> out = new ArrayList<>();
        gate.release(List.of(second, third), out);
        assertThat(out).isEmpty();
        gate.release(List.of(first), out);
        assertThat(out).containsExactly(List.of(first, second, third));
    }
}
