package dev.sluice.inference.lexicon;

import java.util.Arrays;

/**
 * One text's tokens as VADER's rules read them, in arrays a thread reuses text after text. A token
 * is kept as the vocabulary entries (every word some rule names) of its exact and its lower-cased
 * form, or -1 where the vocabulary has none: no rule can tell two such words apart, so no string is
 * made for them. What the rules ask of any word (all capitals? an "n't"?) is kept beside, and the
 * text's count of '!' and '?' for the punctuation emphasis.
 */
final class VaderTokens {

    int[] wordEntries = new int[32];
    int[] lowerEntries = new int[32];
    boolean[] upper = new boolean[32];
    boolean[] contraction = new boolean[32];
    double[] sentiments = new double[32];
    int size;
    int exclamations;
    int questions;

    void clear() {
        size = 0;
        exclamations = 0;
        questions = 0;
    }

    void add(int wordEntry, int lowerEntry, boolean isUpper, boolean hasContraction) {
        if (size == wordEntries.length) {
            int capacity = size * 2;
            wordEntries = Arrays.copyOf(wordEntries, capacity);
            lowerEntries = Arrays.copyOf(lowerEntries, capacity);
            upper = Arrays.copyOf(upper, capacity);
            contraction = Arrays.copyOf(contraction, capacity);
            sentiments = Arrays.copyOf(sentiments, capacity);
        }
        wordEntries[size] = wordEntry;
        lowerEntries[size] = lowerEntry;
        upper[size] = isUpper;
        contraction[size] = hasContraction;
        sentiments[size] = 0;
        size++;
    }
}
