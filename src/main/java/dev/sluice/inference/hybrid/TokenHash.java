package dev.sluice.inference.hybrid;

/**
 * FNV-1a, 64 bits, over the lower-cased characters of a token with apostrophes dropped ("don't"
 * and "dont" are one word); no String is made.
 */
public final class TokenHash {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private TokenHash() {
    }

    public static long of(CharSequence text, int start, int end) {
        long hash = OFFSET;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '\u2019') {
                continue;
            }
            hash ^= Character.toLowerCase(c);
            hash *= PRIME;
        }
        return hash;
    }

    /** A well-spread combination of two hashes (order matters), for bigrams and flags. */
    public static long combine(long first, long second) {
        long h = first * 0x9E3779B97F4A7C15L + second;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }
}
