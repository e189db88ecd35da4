package dev.sluice.lifecycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;

/**
 * Exactly-once only: lets each partition's outcomes be sent in offset order. A transaction then
 * never holds the outcome of a record whose offset it cannot commit yet (an earlier record of the
 * partition still unfinished), which a crash between two transactions would turn into a duplicate.
 * Records are scored in parallel as ever; only their sends wait for the partition's earlier ones.
 * A record waits here only behind lower offsets of its own partition, never the reverse, so waits
 * cannot form a cycle with the key lanes.
 */
final class OffsetOrderGate {

    enum Mark {
        /** Not decided yet (scoring, retrying in process, or held by its key's lane). */
        WAITING,
        /** Its outcome is decided: send it once every earlier record of the partition is released. */
        SEND,
        /** Ended without an outcome (superseded): nothing to send, nothing to wait for. */
        SKIP
    }

    private final Map<TopicPartition, ArrayDeque<InFlightRecord>> partitions = new ConcurrentHashMap<>();

    /** Intake, in offset order per partition. */
    void register(InFlightRecord record) {
        ArrayDeque<InFlightRecord> queue = partitions.computeIfAbsent(record.partition(), p -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addLast(record);
        }
    }

    /** The record's outcome is decided; returns what may be sent now, in offset order. */
    List<InFlightRecord> decided(InFlightRecord record) {
        return mark(record, Mark.SEND);
    }

    /** The record ended without an outcome; returns what may be sent now, in offset order. */
    List<InFlightRecord> skipped(InFlightRecord record) {
        return mark(record, Mark.SKIP);
    }

    /** Forgets a partition no longer owned: its held records are never sent from here. */
    void drop(TopicPartition partition) {
        partitions.remove(partition);
    }

    private List<InFlightRecord> mark(InFlightRecord record, Mark mark) {
        ArrayDeque<InFlightRecord> queue = partitions.get(record.partition());
        if (queue == null) {
            return List.of(); // Revoked meanwhile.
        }
        List<InFlightRecord> release = null;
        synchronized (queue) {
            record.gateMark = mark;
            InFlightRecord head;
            while ((head = queue.peekFirst()) != null && head.gateMark != Mark.WAITING) {
                queue.pollFirst();
                if (head.gateMark == Mark.SEND) {
                    if (release == null) {
                        release = new ArrayList<>(4);
                    }
                    release.add(head);
                }
            }
        }
        return release == null ? List.of() : release;
    }
}
