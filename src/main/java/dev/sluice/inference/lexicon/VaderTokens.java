package dev.sluice.inference.lexicon;

import java.util.Arrays;

/**
 * One text's tokens as VADER's rules read them, in arrays a thread reuses text after text. A token
 * is kept as the vocabulary's own string for its exact and its lower-cased form, or null where the
 * vocabulary (every word some rule names) has none: no rule can tell two such words apart, so no
 * string is made for them. What the rules ask of any word (all capitals? an "n't"?) is kept beside.
 */
final class VaderTokens {

    String[] words = new String[32];
    String[] lowers = new String[32];
    /** The vocabulary entries of words and lowers, -1 where the string is null. */
    int[] wordEntries = new int[32];
    int[] lowerEntries = new int[32];
    boolean[] upper = new boolean[32];
    boolean[] contraction = new boolean[32];
    double[] sentiments = new double[32];
    int size;

    /** The punctuation-free text's words, for the emoticon rule; filled only for texts that need it. */
    final StringBuilder plainText = new StringBuilder();
    final CharRangeSet plainWords = new CharRangeSet();

    void clear() {
        size = 0;
    }

    void add(String word, int wordEntry, String lower, int lowerEntry, boolean isUpper, boolean hasContraction) {
        if (size == words.length) {
            int capacity = size * 2;
            words = Arrays.copyOf(words, capacity);
            lowers = Arrays.copyOf(lowers, capacity);
            wordEntries = Arrays.copyOf(wordEntries, capacity);
            lowerEntries = Arrays.copyOf(lowerEntries, capacity);
            upper = Arrays.copyOf(upper, capacity);
            contraction = Arrays.copyOf(contraction, capacity);
            sentiments = Arrays.copyOf(sentiments, capacity);
        }
        words[size] = word;
        lowers[size] = lower;
        wordEntries[size] = wordEntry;
        lowerEntries[size] = lowerEntry;
        upper[size] = isUpper;
        contraction[size] = hasContraction;
        sentiments[size] = 0;
        size++;
    }
}
