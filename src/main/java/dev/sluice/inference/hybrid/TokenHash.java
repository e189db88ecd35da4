package dev.sluice.inference.hybrid;

/**
 * FNV-1a, 64 bits, over the lower-cased characters of a token with apostrophes dropped ("don't"
 * and "dont" are one word); no String is made.
 */
public final class TokenHash {

    /** The hash of no characters (FNV's offset basis): {@link #of} is {@link #step} folded over a token from here. */
    public static final long EMPTY = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private TokenHash() {
    }

    public static long of(CharSequence text, int start, int end) {
        long hash = EMPTY;
        for (int i = start; i < end; i++) {
            hash = step(hash, text.charAt(i));
        }
        return hash;
    }

    /** The hash of a token's characters so far, extended by {@code c} (apostrophes leave it as it is). */
    public static long step(long hash, char c) {
        if (c == '\'' || c == '\u2019') {
            return hash;
        }
        char lower = c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) : Character.toLowerCase(c); // ASCII without Character's tables.
        return (hash ^ lower) * PRIME;
    }

    /** A well-spread combination of two hashes (order matters), for bigrams and flags. */
    public static long combine(long first, long second) {
        long h = first * 0x9E3779B97F4A7C15L + second;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }
}
