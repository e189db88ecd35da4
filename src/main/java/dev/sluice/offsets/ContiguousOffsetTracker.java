package dev.sluice.offsets;

/**
 * The offsets of one partition that sluice has taken in but not yet finished, and the offset that
 * may safely be committed: one past the highest offset below which every taken record has ended.
 * A gap, however old, holds the commit back. Offsets must be registered in increasing order (as a
 * partition delivers them) but may finish in any order. Kafka's own clients have nothing like it
 * and a sorted ring of primitives keeps the per-record cost allocation-free, hence our own.
 */
public final class ContiguousOffsetTracker {

    private long[] offsets = new long[1024];
    private boolean[] done = new boolean[1024];
    private int head;
    private int size;
    /** One past the highest registered offset; what is committable once everything ended. */
    private long next = -1;
    private volatile boolean revoked;

    /**
     * Takes in an offset. Offsets arrive in increasing order; one below the highest taken so far is
     * a second delivery of a record already tracked here, and is refused (returns false).
     */
    public synchronized boolean register(long offset) {
        if (next >= 0 && offset < next) {
            return false;
        }
        if (size == offsets.length) {
            grow();
        }
        int slot = (head + size) & (offsets.length - 1);
        offsets[slot] = offset;
        done[slot] = false;
        size++;
        next = offset + 1;
        return true;
    }

    /** Marks a registered offset as ended (result acknowledged or dead-lettered). */
    public synchronized void markDone(long offset) {
        int index = indexOf(offset);
        if (index < 0) {
            return; // Already ended and committed past, or never registered here (e.g. after revocation).
        }
        done[(head + index) & (offsets.length - 1)] = true;
        while (size > 0 && done[head]) {
            head = (head + 1) & (offsets.length - 1);
            size--;
        }
    }

    /** The offset to commit (next offset to read), or -1 when nothing has been registered. */
    public synchronized long committable() {
        if (size > 0) {
            return offsets[head];
        }
        return next;
    }

    /** Records taken in and not yet ended. */
    public synchronized int pending() {
        int pending = 0;
        for (int i = 0; i < size; i++) {
            if (!done[(head + i) & (offsets.length - 1)]) {
                pending++;
            }
        }
        return pending;
    }

    public boolean revoked() {
        return revoked;
    }

    void revoke() {
        revoked = true;
    }

    /** Binary search over the ring, which holds offsets in increasing order. */
    private int indexOf(long offset) {
        int low = 0;
        int high = size - 1;
        int mask = offsets.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long value = offsets[(head + mid) & mask];
            if (value < offset) {
                low = mid + 1;
            } else if (value > offset) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private void grow() {
        int capacity = offsets.length * 2;
        long[] newOffsets = new long[capacity];
        boolean[] newDone = new boolean[capacity];
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & (offsets.length - 1);
            newOffsets[i] = offsets[slot];
            newDone[i] = done[slot];
        }
        offsets = newOffsets;
        done = newDone;
        head = 0;
    }

    @Override
    public synchronized String toString() {
        return "ContiguousOffsetTracker{committable=" + committable() + ", tracked=" + size + "}";
    }
}
