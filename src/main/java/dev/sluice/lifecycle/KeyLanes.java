package dev.sluice.lifecycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import dev.sluice.config.OrderingMode;

/**
 * Keeps each key's outcomes in offset order without holding back its scoring. A record enters its
 * lane at intake, in partition order, and goes on to be scored at once, in any batch, beside other
 * records of its key. Once its outcome is known it waits until every earlier record of the lane
 * has been sent and acknowledged; then the lane hands on, as one group, the run of decided records
 * at its head. A group is acknowledged before the next is sent, so a failed send can be repeated
 * without a later record of the key overtaking it. A hot key thus moves a batch at a time and holds
 * back only itself.
 *
 * <p>The lane is the (partition, key) pair in {@code key} mode and the partition in
 * {@code partition} mode; {@code unordered} mode and records without a key have no lane. Each lane
 * has its own lock: there is no lock shared by all records.
 */
public final class KeyLanes {

    private final OrderingMode mode;
    private final ConcurrentHashMap<Object, KeyLane> lanes = new ConcurrentHashMap<>();

    public KeyLanes(OrderingMode mode) {
        this.mode = mode;
    }

    /** Places a record at the tail of its lane; called in partition order by intake. */
    public void enter(InFlightRecord record) {
        Object id = laneOf(record);
        if (id == null) {
            return;
        }
        while (true) {
            KeyLane lane = lanes.computeIfAbsent(id, x -> new KeyLane(x, record.partition().partition()));
            synchronized (lane) {
                if (!lane.closed) {
                    lane.queue.addLast(record);
                    record.lane(lane);
                    return;
                }
            }
        }
    }

    /**
     * The record's outcome is decided. Returns the records that may be sent now, in the order they
     * must be sent: empty while an earlier record of the lane is undecided or unacknowledged.
     */
    public List<InFlightRecord> decided(InFlightRecord record) {
        KeyLane lane = (KeyLane) record.lane();
        if (lane == null) {
            record.moveTo(RecordState.PUBLISHING);
            return List.of(record);
        }
        synchronized (lane) {
            record.moveTo(RecordState.WAITING_FOR_KEY);
            return lane.sending == 0 ? lane.releaseHead() : List.of();
        }
    }

    /** The record's outcome was acknowledged. Returns the next group of its lane to send, if any. */
    public List<InFlightRecord> acknowledged(InFlightRecord record) {
        KeyLane lane = (KeyLane) record.lane();
        if (lane == null) {
            record.moveTo(RecordState.ENDED);
            return List.of();
        }
        synchronized (lane) {
            record.moveTo(RecordState.ENDED);
            if (--lane.sending > 0) {
                return List.of();
            }
            while (!lane.queue.isEmpty() && lane.queue.peekFirst().state() == RecordState.ENDED) {
                lane.queue.pollFirst().lane(null);
            }
            if (lane.queue.isEmpty()) {
                lane.closed = true;
                lanes.remove(lane.id, lane);
                return List.of();
            }
            return lane.releaseHead();
        }
    }

    /** Forgets the lanes of a revoked partition: their records will not be sent by this instance. */
    public void dropPartition(int partition) {
        lanes.values().removeIf(lane -> {
            if (lane.partition != partition) {
                return false;
            }
            synchronized (lane) {
                lane.closed = true;
            }
            return true;
        });
    }

    /** Lanes that hold records now. */
    public int size() {
        return lanes.size();
    }

    private Object laneOf(InFlightRecord record) {
        return switch (mode) {
            case UNORDERED -> null;
            case PARTITION -> record.partition();
            case KEY -> record.key() == null ? null : new KeyLaneId(record.partition().partition(), record.key());
        };
    }

    /** A key within its partition, compared and hashed by content (no buffer wrapped per record). */
    private record KeyLaneId(int partition, byte[] key) {

        @Override
        public boolean equals(Object other) {
            return other instanceof KeyLaneId id && id.partition == partition && Arrays.equals(id.key, key);
        }

        @Override
        public int hashCode() {
            return 31 * partition + Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return partition + "/" + Arrays.toString(key);
        }
    }

    /** One key's records, in offset order, from the oldest not yet acknowledged. */
    private static final class KeyLane implements Lane {

        private final Object id;
        private final int partition;
        private final ArrayDeque<InFlightRecord> queue = new ArrayDeque<>(4);
        /** Records of the group handed out and not yet acknowledged. */
        private int sending;
        /** Removed from the map: a record arriving now must take a new lane. */
        private boolean closed;

        private KeyLane(Object id, int partition) {
            this.id = id;
            this.partition = partition;
        }

        /** Hands out the run of decided records at the head; the caller holds the lock. */
        private List<InFlightRecord> releaseHead() {
            List<InFlightRecord> group = null;
            for (InFlightRecord next : queue) {
                if (next.state() != RecordState.WAITING_FOR_KEY) {
                    break;
                }
                next.moveTo(RecordState.PUBLISHING);
                if (group == null) {
                    group = new ArrayList<>(Math.min(queue.size(), 64));
                }
                group.add(next);
            }
            if (group == null) {
                return List.of();
            }
            sending = group.size();
            return group;
        }
    }
}
