package dev.sluice.ordering;

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
import dev.sluice.ingest.InFlightRecord;
import dev.sluice.offsets.ContiguousOffsetTracker;

class KeySchedulerTest {

    private final List<InFlightRecord> ready = new ArrayList<>();

    @Test
    void aSecondRecordOfAKeyWaitsUntilTheFirstIsReleased() {
        KeyScheduler scheduler = new KeyScheduler(OrderingMode.KEY, ready::add);
        InFlightRecord first = record(0, 0, "a");
        InFlightRecord second = record(0, 1, "a");
        scheduler.submit(first);
        scheduler.submit(second);
        assertThat(ready).containsExactly(first);
        scheduler.release(first);
        assertThat(ready).containsExactly(first, second);
    }

    @Test
    void aBusyKeyDoesNotHoldBackOtherKeysOfItsPartition() {
        KeyScheduler scheduler = new KeyScheduler(OrderingMode.KEY, ready::add);
        InFlightRecord hot1 = record(0, 0, "hot");
        InFlightRecord hot2 = record(0, 1, "hot");
        InFlightRecord cold = record(0, 2, "cold");
        scheduler.submit(hot1);
        scheduler.submit(hot2);
        scheduler.submit(cold);
        assertThat(ready).containsExactly(hot1, cold);
        assertThat(scheduler.waiting()).isEqualTo(1);
    }

    @Test
    void recordsWithoutAKeyNeverWait() {
        KeyScheduler scheduler = new KeyScheduler(OrderingMode.KEY, ready::add);
        scheduler.submit(record(0, 0, null));
        scheduler.submit(record(0, 1, null));
        assertThat(ready).hasSize(2);
    }

    @Test
    void partitionModeKeepsOneRecordOfAPartitionInFlight() {
        KeyScheduler scheduler = new KeyScheduler(OrderingMode.PARTITION, ready::add);
        InFlightRecord a = record(0, 0, "a");
        InFlightRecord b = record(0, 1, "b");
        InFlightRecord other = record(1, 0, "a");
        scheduler.submit(a);
        scheduler.submit(b);
        scheduler.submit(other);
        assertThat(ready).containsExactly(a, other);
        scheduler.release(a);
        assertThat(ready).containsExactly(a, other, b);
    }

    @Test
    void unorderedModeLetsEverythingThrough() {
        KeyScheduler scheduler = new KeyScheduler(OrderingMode.UNORDERED, ready::add);
        scheduler.submit(record(0, 0, "a"));
        scheduler.submit(record(0, 1, "a"));
        assertThat(ready).hasSize(2);
    }

    @Test
    void underRandomReleasesAKeyIsNeverTwiceInFlightAndLeavesInOffsetOrder() {
        Random random = new Random(7);
        KeyScheduler scheduler = new KeyScheduler(OrderingMode.KEY, ready::add);
        Set<String> inFlight = new HashSet<>();
        Map<String, Long> lastStarted = new HashMap<>();
        List<InFlightRecord> running = new ArrayList<>();
        int submitted = 0;
        int started = 0;
        while (started < 20_000) {
            if (submitted < 20_000 && random.nextBoolean()) {
                scheduler.submit(record(0, submitted, "k" + random.nextInt(50)));
                submitted++;
            } else if (!running.isEmpty()) {
                InFlightRecord done = running.remove(random.nextInt(running.size()));
                inFlight.remove(keyOf(done));
                scheduler.release(done);
            }
            for (InFlightRecord record : ready) {
                String key = keyOf(record);
                assertThat(inFlight.add(key)).as("key %s already in flight", key).isTrue();
                assertThat(record.offset()).isGreaterThan(lastStarted.getOrDefault(key, -1L));
                lastStarted.put(key, record.offset());
                running.add(record);
                started++;
            }
            ready.clear();
        }
        assertThat(scheduler.waiting()).isZero();
    }

    @Test
    void withDedupeAFreedLaneHandsOnOnlyTheNewestWaitingRecord() {
        List<InFlightRecord> superseded = new ArrayList<>();
        KeyScheduler scheduler = new KeyScheduler(OrderingMode.KEY, ready::add, superseded::add);
        InFlightRecord first = record(0, 0, "a");
        InFlightRecord second = record(0, 1, "a");
        InFlightRecord third = record(0, 2, "a");
        scheduler.submit(first);
        scheduler.submit(second);
        scheduler.submit(third);
        scheduler.release(first);
        assertThat(ready).containsExactly(first, third);
        assertThat(superseded).containsExactly(second);
        assertThat(scheduler.waiting()).isZero();
    }

    @Test
    void dedupeOutsideKeyModeIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KeyScheduler(OrderingMode.UNORDERED, ready::add, r -> {
        })).hasMessageContaining("sluice.ordering=key");
    }

    private static String keyOf(InFlightRecord record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static InFlightRecord record(int partition, long offset, String key) {
        return new InFlightRecord(new TopicPartition("t", partition), offset,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), new byte[0], 0L, null, new ContiguousOffsetTracker());
    }
}
