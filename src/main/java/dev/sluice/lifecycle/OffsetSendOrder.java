package dev.sluice.lifecycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;

/**
 * Exactly-once: lets each partition's outcomes be sent in offset order. A transaction then never
 * holds the outcome of a record whose offset it cannot commit yet (an earlier record of the
 * partition still unfinished), which a crash between two transactions would turn into a duplicate.
 * Records are scored in parallel as ever; only their sends wait for the partition's earlier ones.
 * A record waits here only behind lower offsets of its own partition, never the reverse, so waits
 * cannot form a cycle with the key lanes.
 */
final class OffsetSendOrder implements SendOrder {

    /** One partition's records not yet let go, in offset order, and what is known of each. */
    private static final class Held {

        private final ArrayDeque<InFlightRecord> queue = new ArrayDeque<>();
        /** Offsets decided (true: send it) or ended without an outcome (false: nothing to send). */
        private final Map<Long, Boolean> settled = new HashMap<>();
    }

    private final Map<TopicPartition, Held> partitions = new ConcurrentHashMap<>();

    @Override
    public void register(InFlightRecord record) {
        Held held = partitions.computeIfAbsent(record.partition(), p -> new Held());
        synchronized (held) {
            held.queue.addLast(record);
        }
    }

    @Override
    public void release(List<InFlightRecord> group, List<List<InFlightRecord>> out) {
        for (int i = 0; i < group.size(); i++) {
            settle(group.get(i), true, out);
        }
    }

    @Override
    public void skipped(InFlightRecord record, List<List<InFlightRecord>> out) {
        settle(record, false, out);
    }

    @Override
    public void drop(TopicPartition partition) {
        partitions.remove(partition);
    }

    private void settle(InFlightRecord record, boolean send, List<List<InFlightRecord>> out) {
        Held held = partitions.get(record.partition());
        if (held == null) {
            return; // Revoked meanwhile.
        }
        List<InFlightRecord> release = null;
        synchronized (held) {
            held.settled.put(record.offset(), send);
            InFlightRecord head;
            Boolean headSend;
            while ((head = held.queue.peekFirst()) != null && (headSend = held.settled.remove(head.offset())) != null) {
                held.queue.pollFirst();
                if (headSend) {
                    if (release == null) {
                        release = new ArrayList<>(4);
                    }
                    release.add(head);
                }
            }
        }
        if (release != null) {
            out.add(release);
        }
    }
}
