package dev.sluice.lifecycle;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.apache.kafka.common.TopicPartition;

/**
 * One {@link ContiguousOffsetTracker} per partition this instance owns. A revoked partition's
 * tracker is dropped: late completions of its records land on the old tracker and are never
 * committed, so an instance never commits for a partition after losing it.
 */
@Singleton
public class OffsetLedger {

    private final Map<TopicPartition, ContiguousOffsetTracker> trackers = new ConcurrentHashMap<>();
    private volatile long lastEndedNanos = System.nanoTime();

    /** The record ended (its outcome acknowledged) at {@code nowNanos} (System.nanoTime): its offset may be committed. */
    void ended(InFlightRecord record, long nowNanos) {
        record.tracker().markDone(record.offset());
        lastEndedNanos = nowNanos;
    }

    /** When a record last ended (System.nanoTime), or when the ledger was created. */
    public long lastEndedNanos() {
        return lastEndedNanos;
    }

    /**
     * The tracker of an owned partition, or null when the partition is not assigned here (a record
     * fetched before its partition was revoked: the new owner reads it again, so it is dropped).
     */
    public ContiguousOffsetTracker trackerFor(TopicPartition partition) {
        return trackers.get(partition);
    }

    public void assigned(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            trackers.computeIfAbsent(partition, p -> new ContiguousOffsetTracker());
        }
    }

    /**
     * Forgets partitions; their in-flight records may still finish but are never committed here.
     * Returns how many uncommitted records the partitions held (they leave the in-flight budget).
     */
    public int revoked(Collection<TopicPartition> partitions) {
        int released = 0;
        for (TopicPartition partition : partitions) {
            ContiguousOffsetTracker tracker = trackers.remove(partition);
            if (tracker != null) {
                released += tracker.revoke();
            }
        }
        return released;
    }

    /** A commit of a partition succeeded; returns how many records it let go of. */
    public int committed(TopicPartition partition, long position) {
        ContiguousOffsetTracker tracker = trackers.get(partition);
        return tracker == null ? 0 : tracker.committed(position);
    }

    /** Committable offsets of the given owned partitions (all owned ones when null) that have any. */
    public Map<TopicPartition, Long> committablePositions(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> out = new HashMap<>();
        trackers.forEach((partition, tracker) -> {
            if (partitions == null || partitions.contains(partition)) {
                long position = tracker.committable();
                if (position >= 0) {
                    out.put(partition, position);
                }
            }
        });
        return out;
    }

    public Set<TopicPartition> owned() {
        return Set.copyOf(trackers.keySet());
    }

    public int pending(Collection<TopicPartition> partitions) {
        int pending = 0;
        for (Map.Entry<TopicPartition, ContiguousOffsetTracker> entry : trackers.entrySet()) {
            if (partitions == null || partitions.contains(entry.getKey())) {
                pending += entry.getValue().pending();
            }
        }
        return pending;
    }

    /** Waits until the partitions' taken records have all ended, or the timeout passes; true when drained. */
    public boolean awaitDrained(Collection<TopicPartition> partitions, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending(partitions) > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(5); // Polled: completions arrive on producer threads we do not own.
        }
        return true;
    }
}
