package dev.sluice.inference.lexicon;

import java.util.Arrays;

/**
 * A set of character ranges of one source text, found by the characters of a range of another
 * text, so that a token can be looked up without a String made for it. Open addressing at most half
 * full; equal ranges are kept once. Not thread-safe: one per thread, or filled once and then only
 * read. No library offers lookup by a range of chars (Java's sets need a String or a CharBuffer per
 * probe), hence our own.
 */
final class CharRangeSet {

    private CharSequence source = "";
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    /** Entry index + 1 per slot; 0 is empty. */
    private int[] slots = new int[32];
    private int size;

    /** Empties the set; its ranges will be ranges of {@code source}. */
    void reset(CharSequence source) {
        this.source = source;
        if (size > 0) {
            Arrays.fill(slots, 0);
        }
        size = 0;
    }

    int size() {
        return size;
    }

    /** Adds {@code source[start, end)}; returns its entry, an earlier one when an equal range is in already. */
    int add(int start, int end) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int slot = probe(source, start, end, false);
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
        return size - 1;
    }

    /**
     * The entry equal to {@code text[start, end)}, or -1. With {@code asciiLower}, the range is read
     * as if its letters A-Z were lower case (for ranges the caller knows to be ASCII).
     */
    int find(CharSequence text, int start, int end, boolean asciiLower) {
        return slots[probe(text, start, end, asciiLower)] - 1;
    }

    /** The slot of the entry equal to the range, or the empty slot where it would go. */
    private int probe(CharSequence text, int start, int end, boolean asciiLower) {
        int mask = slots.length - 1;
        int slot = spread(hash(text, start, end, asciiLower)) & mask;
        while (slots[slot] != 0 && !matches(slots[slot] - 1, text, start, end, asciiLower)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private boolean matches(int entry, CharSequence text, int start, int end, boolean asciiLower) {
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
        int mask = bigger.length - 1;
        for (int entry = 0; entry < size; entry++) {
            int slot = spread(hash(source, starts[entry], ends[entry], false)) & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = entry + 1;
        }
        slots = bigger;
    }

    private static int hash(CharSequence text, int start, int end, boolean asciiLower) {
        int h = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            h = 31 * h + (asciiLower ? lower(c) : c);
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
