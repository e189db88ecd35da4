package dev.sluice.lifecycle;

/**
 * The offsets of one partition that sluice has taken in and not yet committed, and the offset that
 * may safely be committed: one past the highest offset below which every taken record has ended.
 * A gap, however old, holds the commit back. Offsets must be registered in increasing order (as a
 * partition delivers them) but may end in any order; an entry leaves only once a commit has passed
 * it, so the tracker's size is what a crash could make sluice do twice. Kafka's clients have nothing
 * like it and a sorted ring of primitives keeps the per-record cost allocation-free, hence our own.
 */
public final class ContiguousOffsetTracker {

    private long[] offsets = new long[1024];
    private boolean[] done = new boolean[1024];
    private int head;
    /** Entries from head on, all taken in and not yet committed past. */
    private int size;
    /** How many entries from head on have ended, without a gap. */
    private int doneRun;
    /** How many entries have ended in all. */
    private int doneTotal;
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
            return; // Never registered here (e.g. a record of a partition since revoked).
        }
        int mask = offsets.length - 1;
        int slot = (head + index) & mask;
        if (done[slot]) {
            return;
        }
        done[slot] = true;
        doneTotal++;
        while (doneRun < size && done[(head + doneRun) & mask]) {
            doneRun++;
        }
    }

    /** The offset to commit (next offset to read), or -1 when nothing has been registered. */
    public synchronized long committable() {
        if (doneRun < size) {
            return offsets[(head + doneRun) & (offsets.length - 1)];
        }
        return next;
    }

    /** A commit of {@code position} succeeded: forgets the entries below it and says how many. */
    public synchronized int committed(long position) {
        int mask = offsets.length - 1;
        int dropped = 0;
        while (dropped < doneRun && offsets[(head + dropped) & mask] < position) {
            dropped++;
        }
        head = (head + dropped) & mask;
        size -= dropped;
        doneRun -= dropped;
        doneTotal -= dropped;
        return dropped;
    }

    /** Records taken in and not yet ended. */
    public synchronized int pending() {
        return size - doneTotal;
    }

    /** Records taken in and not yet committed past (ended or not). */
    public synchronized int uncommitted() {
        return size;
    }

    public boolean revoked() {
        return revoked;
    }

    /** Marks the partition as lost to this instance; returns how many records it still held. */
    synchronized int revoke() {
        revoked = true;
        return size;
    }

    /**
     * An offset's entry. Offsets rise by at least one per entry, so an offset's entry is at most
     * {@code offset - first} entries from the head, and exactly there when the partition has no
     * gaps (no transaction markers or compaction): one read then, as nearly always. Otherwise a
     * binary search below that bound (a search over thousands of entries was 2-4 % of steady-state
     * profiles, on the producer thread that acknowledges every result: docs/BENCHMARKS.md).
     */
    private int indexOf(long offset) {
        if (size == 0) {
            return -1;
        }
        int mask = offsets.length - 1;
        long distance = offset - offsets[head];
        if (distance < 0) {
            return -1;
        }
        if (distance < size && offsets[(head + (int) distance) & mask] == offset) {
            return (int) distance;
        }
        int low = 0;
        int high = (int) Math.min(size - 1, distance);
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
        return "ContiguousOffsetTracker{committable=" + committable() + ", uncommitted=" + size + ", pending=" + pending() + "}";
    }
}
