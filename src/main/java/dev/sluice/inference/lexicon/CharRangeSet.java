package dev.sluice.inference.lexicon;

import java.util.Arrays;

/**
 * A set of character ranges of one source text, found by the characters of a range of another
 * text, so that a token can be looked up without a String made for it. Open addressing at most half
 * full, each slot keeping its entry's hash so that a probe compares characters only on a likely
 * match; equal ranges are kept once. Not thread-safe while filled, safe to share once only read. No
 * library offers lookup by a range of chars (Java's sets need a String or a CharBuffer per probe),
 * hence our own.
 */
final class CharRangeSet {

    private final String source;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    /** Entry index + 1 per slot; 0 is empty. */
    private int[] slots = new int[32];
    /** The hash of each slot's entry, beside it. */
    private int[] slotHashes = new int[32];
    private int size;

    /** An empty set whose ranges will be ranges of {@code source}. */
    CharRangeSet(String source) {
        this.source = source;
    }

    int size() {
        return size;
    }

    /** Adds {@code source[start, end)}; returns its entry, an earlier one when an equal range is in already. */
    int add(int start, int end) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int hash = hash(source, start, end);
        int slot = probe(hash, source, start, end, false);
        if (slots[slot] != 0) {
            return slots[slot] - 1;
        }
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        slots[slot] = ++size;
        slotHashes[slot] = hash;
        return size - 1;
    }

    /**
     * The entry equal to {@code text[start, end)}, or -1. With {@code asciiLower}, the range is read
     * as if its letters A-Z were lower case (for ranges the caller knows to be ASCII).
     */
    int find(String text, int start, int end, boolean asciiLower) {
        int hash = asciiLower ? lowerHash(text, start, end) : hash(text, start, end);
        return slots[probe(hash, text, start, end, asciiLower)] - 1;
    }

    /** As {@link #find(String, int, int, boolean)} without A-Z lowered, for a caller that already has the range's {@link #hash}. */
    int find(String text, int start, int end, int hash) {
        return slots[probe(hash, text, start, end, false)] - 1;
    }

    /** The slot of the entry equal to the range, or the empty slot where it would go. */
    private int probe(int hash, String text, int start, int end, boolean asciiLower) {
        int mask = slots.length - 1;
        int slot = spread(hash) & mask;
        while (slots[slot] != 0 && (slotHashes[slot] != hash || !matches(slots[slot] - 1, text, start, end, asciiLower))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private boolean matches(int entry, String text, int start, int end, boolean asciiLower) {
        int from = starts[entry];
        if (ends[entry] - from != end - start) {
            return false;
        }
        for (int i = 0; i < end - start; i++) {
            char c = text.charAt(start + i);
            if (source.charAt(from + i) != (asciiLower ? lower(c) : c)) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        int[] bigger = new int[slots.length * 2];
        int[] biggerHashes = new int[bigger.length];
        int mask = bigger.length - 1;
        for (int slot = 0; slot < slots.length; slot++) {
            if (slots[slot] != 0) {
                int to = spread(slotHashes[slot]) & mask;
                while (bigger[to] != 0) {
                    to = (to + 1) & mask;
                }
                bigger[to] = slots[slot];
                biggerHashes[to] = slotHashes[slot];
            }
        }
        slots = bigger;
        slotHashes = biggerHashes;
    }

    private static int hash(String text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = hash(h, text.charAt(i));
        }
        return h;
    }

    /** A range's hash is this step folded over its characters from 0. */
    static int hash(int hash, char c) {
        return 31 * hash + c;
    }

    private static int lowerHash(String text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = hash(h, lower(text.charAt(i)));
        }
        return h;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static int spread(int h) {
        int x = (h ^ (h >>> 16)) * 0x9E3779B1;
        return x ^ (x >>> 15);
    }
}
