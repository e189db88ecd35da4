package dev.sluice.ordering;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.sluice.config.OrderingMode;
import dev.sluice.ingest.InFlightRecord;

/**
 * Lets a record go ahead only when no earlier record of its lane is in flight, and hands the next
 * waiting record of a lane on as soon as the previous one releases it. The lane is the (partition,
 * key) pair in {@code key} mode, the partition in {@code partition} mode, and there are no lanes in
 * {@code unordered} mode. Records without a key have no order to keep and never wait. Lanes are
 * independent: a hot key only ever holds back its own records.
 */
public final class KeyScheduler {

    private final OrderingMode mode;
    private final Consumer<InFlightRecord> ready;
    /** Receives records superseded by a newer record of their key; null when dedupe is off. */
    private final Consumer<InFlightRecord> superseded;
    /** Busy lanes and the records waiting behind them; an empty deque means busy, nobody waiting. */
    private final Map<Object, ArrayDeque<InFlightRecord>> busy = new HashMap<>();
    private int waiting;

    public KeyScheduler(OrderingMode mode, Consumer<InFlightRecord> ready) {
        this(mode, ready, null);
    }

    /**
     * With {@code superseded} set (latest-per-key dedupe, key mode), a lane that frees up hands on
     * only its newest waiting record; the older waiting ones go to {@code superseded} unscored.
     */
    public KeyScheduler(OrderingMode mode, Consumer<InFlightRecord> ready, Consumer<InFlightRecord> superseded) {
        if (superseded != null && mode != OrderingMode.KEY) {
            throw new IllegalArgumentException("sluice.dedupe=latest-per-key needs sluice.ordering=key");
        }
        this.mode = mode;
        this.ready = ready;
        this.superseded = superseded;
    }

    /** Takes a record in partition order; it goes to {@code ready} now or after its lane frees up. */
    public void submit(InFlightRecord record) {
        Object lane = laneOf(record);
        if (lane == null) {
            ready.accept(record);
            return;
        }
        record.lane(lane);
        synchronized (this) {
            ArrayDeque<InFlightRecord> queue = busy.get(lane);
            if (queue != null) {
                queue.addLast(record);
                waiting++;
                return;
            }
            busy.put(lane, new ArrayDeque<>(2));
        }
        ready.accept(record);
    }

    /**
     * Frees the lane a record held, once the record can no longer be overtaken (its result is
     * handed to the producer in order); the next waiting record of the lane goes ahead.
     */
    public void release(InFlightRecord record) {
        Object lane = record.lane();
        if (lane == null) {
            return;
        }
        record.lane(null);
        InFlightRecord next;
        List<InFlightRecord> skipped = List.of();
        synchronized (this) {
            ArrayDeque<InFlightRecord> queue = busy.get(lane);
            if (queue == null) {
                return;
            }
            if (superseded != null && queue.size() > 1) {
                skipped = new ArrayList<>(queue);
                next = skipped.remove(skipped.size() - 1);
                waiting -= queue.size();
                queue.clear();
            } else {
                next = queue.pollFirst();
                if (next == null) {
                    busy.remove(lane);
                    return;
                }
                waiting--;
            }
        }
        for (InFlightRecord old : skipped) {
            old.lane(null);
            superseded.accept(old);
        }
        ready.accept(next);
    }

    /** Records held back behind a busy lane. */
    public synchronized int waiting() {
        return waiting;
    }

    private Object laneOf(InFlightRecord record) {
        return switch (mode) {
            case UNORDERED -> null;
            case PARTITION -> record.partition();
            case KEY -> record.key() == null ? null : new KeyLane(record.partition().partition(), ByteBuffer.wrap(record.key()));
        };
    }

    /** A key within its partition; ByteBuffer compares and hashes the key's content. */
    private record KeyLane(int partition, ByteBuffer key) {
    }
}
