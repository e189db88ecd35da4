package dev.sluice.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.sluice.config.OrderingMode;

class KeyLanesTest {

    @Test
    void aLaterRecordOfAKeyDecidedFirstWaitsForTheEarlierOne() {
        KeyLanes lanes = new KeyLanes(OrderingMode.KEY);
        InFlightRecord first = entered(lanes, 0, 0, "a");
        InFlightRecord second = entered(lanes, 0, 1, "a");
        assertThat(lanes.decided(second)).isEmpty();
        assertThat(second.state()).isEqualTo(RecordState.WAITING_FOR_KEY);
        assertThat(lanes.decided(first)).containsExactly(first, second);
    }

    @Test
    void decidedRecordsOfAKeyLeaveAsOneGroupAndTheNextGroupWaitsForItsAcknowledgement() {
        KeyLanes lanes = new KeyLanes(OrderingMode.KEY);
        InFlightRecord a0 = entered(lanes, 0, 0, "a");
        InFlightRecord a1 = entered(lanes, 0, 1, "a");
        InFlightRecord a2 = entered(lanes, 0, 2, "a");
        assertThat(lanes.decided(a0)).containsExactly(a0);
        assertThat(lanes.decided(a1)).isEmpty();
        assertThat(lanes.decided(a2)).isEmpty();
        assertThat(lanes.acknowledged(a0)).containsExactly(a1, a2);
        assertThat(a1.state()).isEqualTo(RecordState.PUBLISHING);
    }

    @Test
    void aGroupIsReleasedOnlyWhenEveryMemberIsAcknowledged() {
        KeyLanes lanes = new KeyLanes(OrderingMode.KEY);
        InFlightRecord a0 = entered(lanes, 0, 0, "a");
        InFlightRecord a1 = entered(lanes, 0, 1, "a");
        InFlightRecord a2 = entered(lanes, 0, 2, "a");
        lanes.decided(a1);
        assertThat(lanes.decided(a0)).containsExactly(a0, a1);
        lanes.decided(a2);
        assertThat(lanes.acknowledged(a1)).isEmpty();
        assertThat(lanes.acknowledged(a0)).containsExactly(a2);
    }

    @Test
    void aHotKeyDoesNotHoldBackOtherKeysOfItsPartition() {
        KeyLanes lanes = new KeyLanes(OrderingMode.KEY);
        InFlightRecord hot = entered(lanes, 0, 0, "hot");
        entered(lanes, 0, 1, "hot");
        InFlightRecord cold = entered(lanes, 0, 2, "cold");
        assertThat(lanes.decided(cold)).containsExactly(cold);
        assertThat(hot.state()).isEqualTo(RecordState.SCORING);
    }

    @Test
    void recordsWithoutAKeyLeaveAsSoonAsTheyAreDecided() {
        KeyLanes lanes = new KeyLanes(OrderingMode.KEY);
        entered(lanes, 0, 0, null);
        InFlightRecord second = entered(lanes, 0, 1, null);
        assertThat(lanes.decided(second)).containsExactly(second);
    }

    @Test
    void partitionModeOrdersAcrossKeysOfAPartitionButNotAcrossPartitions() {
        KeyLanes lanes = new KeyLanes(OrderingMode.PARTITION);
        InFlightRecord a = entered(lanes, 0, 0, "a");
        InFlightRecord b = entered(lanes, 0, 1, "b");
        InFlightRecord other = entered(lanes, 1, 0, "a");
        assertThat(lanes.decided(b)).isEmpty();
        assertThat(lanes.decided(other)).containsExactly(other);
        assertThat(lanes.decided(a)).containsExactly(a, b);
    }

    @Test
    void unorderedModeLetsEveryDecidedRecordLeave() {
        KeyLanes lanes = new KeyLanes(OrderingMode.UNORDERED);
        entered(lanes, 0, 0, "a");
        InFlightRecord second = entered(lanes, 0, 1, "a");
        assertThat(lanes.decided(second)).containsExactly(second);
    }

    @Test
    void anEmptiedLaneIsForgottenAndALaterRecordOfItsKeyStartsAFreshOne() {
        KeyLanes lanes = new KeyLanes(OrderingMode.KEY);
        InFlightRecord first = entered(lanes, 0, 0, "a");
        lanes.decided(first);
        lanes.acknowledged(first);
        assertThat(lanes.size()).isZero();
        InFlightRecord later = entered(lanes, 0, 1, "a");
        assertThat(lanes.decided(later)).containsExactly(later);
    }

    @Test
    void droppingARevokedPartitionForgetsItsLanesOnly() {
        KeyLanes lanes = new KeyLanes(OrderingMode.KEY);
        entered(lanes, 0, 0, "a");
        entered(lanes, 1, 0, "a");
        lanes.dropPartition(0);
        assertThat(lanes.size()).isEqualTo(1);
        InFlightRecord fresh = entered(lanes, 0, 5, "a");
        assertThat(lanes.decided(fresh)).containsExactly(fresh);
    }

    @Test
    void underRandomDecisionsAndAcknowledgementsEveryKeyIsSentInOffsetOrderOneGroupAtATime() {
        Random random = new Random(7);
        KeyLanes lanes = new KeyLanes(OrderingMode.KEY);
        List<InFlightRecord> undecided = new ArrayList<>();
        List<InFlightRecord> sending = new ArrayList<>();
        Map<String, Long> lastSent = new HashMap<>();
        Set<String> keysSending = new HashSet<>();
        Map<String, Integer> unackedOfKey = new HashMap<>();
        int entered = 0;
        int sent = 0;
        while (sent < 20_000) {
            int action = random.nextInt(3);
            List<InFlightRecord> out = List.of();
            if (action == 0 && entered < 20_000) {
                undecided.add(entered(lanes, 0, entered++, "k" + random.nextInt(50)));
            } else if (action == 1 && !undecided.isEmpty()) {
                out = lanes.decided(undecided.remove(random.nextInt(undecided.size())));
            } else if (!sending.isEmpty()) {
                InFlightRecord acked = sending.remove(random.nextInt(sending.size()));
                String key = keyOf(acked);
                if (unackedOfKey.merge(key, -1, Integer::sum) == 0) {
                    keysSending.remove(key);
                }
                out = lanes.acknowledged(acked);
            }
            if (!out.isEmpty()) {
                String key = keyOf(out.get(0));
                assertThat(keysSending.add(key)).as("a group of %s while its previous one is unacknowledged", key).isTrue();
                unackedOfKey.put(key, out.size());
            }
            for (InFlightRecord record : out) {
                assertThat(keyOf(record)).isEqualTo(keyOf(out.get(0)));
                assertThat(record.offset()).isGreaterThan(lastSent.getOrDefault(keyOf(record), -1L));
                lastSent.put(keyOf(record), record.offset());
                sending.add(record);
                sent++;
            }
        }
        assertThat(lastSent).hasSize(50);
    }

    private static InFlightRecord entered(KeyLanes lanes, int partition, long offset, String key) {
        InFlightRecord record = InFlightRecord.detached(new TopicPartition("t", partition), offset,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), new byte[0]);
        lanes.enter(record);
        // Lanes see records once the model has them: the owner moved them this far.
        record.moveTo(RecordState.BATCHED);
        record.moveTo(RecordState.SCORING);
        return record;
    }

    private static String keyOf(InFlightRecord record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }
}
