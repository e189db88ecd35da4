package dev.sluice.inference.hybrid;

import java.util.Map;

/**
 * Token hashes ({@link TokenHash}) mapped to small ints, for a lookup per token with no boxing:
 * open addressing, at most a quarter full, so that a lookup reads one or two slots where a binary
 * search over AFINN's 3,300 words reads twelve. The JDK has no primitive map and one lookup table is
 * not worth a dependency, hence our own.
 */
final class TokenTable {

    private final long[] keys;
    private final int[] values;
    /** Whether a slot is taken: any long, 0 included, can be a token hash. */
    private final boolean[] used;
    private final int mask;

    TokenTable(Map<Long, Integer> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 4 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        used = new boolean[capacity];
        mask = capacity - 1;
        entries.forEach((key, value) -> {
            int slot = slot(key);
            while (used[slot] && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            used[slot] = true;
            keys[slot] = key;
            values[slot] = value;
        });
    }

    /** The value of {@code key}, or {@code missing} when it is not in the table. */
    int get(long key, int missing) {
        int slot = slot(key);
        while (used[slot]) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return missing;
    }

    private int slot(long key) {
        return (int) (key ^ (key >>> 32)) & mask; // FNV-1a's bits are already spread.
    }
}
