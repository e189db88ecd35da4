package dev.sluice.inference.hybrid;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.sluice.inference.BundledModelData;
import dev.sluice.inference.lexicon.VaderAnalyzer;
import dev.sluice.inference.lexicon.VaderScores;

/**
 * Turns a text into sparse features for the hybrid model: hashed word unigrams and bigrams (a word
 * inside a negation's scope is a different feature from the same word outside it), plus dense
 * lexicon features: VADER's compound, positive and negative proportions, and AFINN-165's
 * negation-aware sum and counts. Training and serving share this class, so they cannot drift.
 */
public final class HybridFeatures {

    /** Hashed n-gram buckets; the dense features and the bias follow them. */
    public static final int HASH_BITS = 18;
    public static final int HASH_SIZE = 1 << HASH_BITS;
    public static final int DENSE = 7;
    /** The dense features other than the bias: what {@link #lexiconFeatures} gives an encoder's head. */
    public static final int LEXICON_FEATURES = DENSE - 1;
    public static final int DIMENSION = HASH_SIZE + DENSE;
    static final int BIAS = HASH_SIZE + DENSE - 1;

    private static final long NEGATED_SALT = 0x6E65676174656421L;
    private static final long BIGRAM_SALT = 0x62696772616D2121L;
    private static final List<String> NEGATIONS = List.of("not", "no", "never", "none", "nobody", "nothing", "neither", "nor",
            "nowhere", "cannot", "cant", "dont", "didnt", "doesnt", "isnt", "wasnt", "werent", "arent", "wont", "wouldnt",
            "shouldnt", "couldnt", "havent", "hasnt", "hadnt", "aint", "without", "hardly", "barely", "rarely", "seldom");

    /** {@link #wordFacts}' packing: AFINN's -5..5 plus VALENCE_ZERO in the low bits, NEGATION beside. */
    private static final int VALENCE_ZERO = 8;
    private static final int VALENCE_BITS = 15;
    private static final int NEGATION = 16;

    private final VaderAnalyzer vader;
    /** What a word is to the features, by its {@link TokenHash}: its AFINN valence and whether it negates, in one lookup per token. */
    private final TokenTable wordFacts;

    /** The features over the lexicons sluice ships: what the bundled models read. */
    public static HybridFeatures bundled() {
        return new HybridFeatures(new VaderAnalyzer(BundledModelData.VADER), BundledModelData.AFINN);
    }

    public HybridFeatures(VaderAnalyzer vader, AfinnLexicon afinn) {
        this.vader = vader;
        Map<Long, Integer> facts = new HashMap<>();
        afinn.valenceByHash().forEach((word, valence) -> facts.put(word, valence + VALENCE_ZERO));
        for (String negation : NEGATIONS) {
            facts.merge(TokenHash.of(negation, 0, negation.length()), VALENCE_ZERO | NEGATION, (fact, flag) -> fact | NEGATION);
        }
        this.wordFacts = new TokenTable(facts);
    }

    /** Sparse features of one text: bucket indices and values, {@code size} of them used. */
    public static final class Vector {

        public int[] index = new int[64];
        public float[] value = new float[64];
        public int size;

        void add(int i, float v) {
            if (size == index.length) {
                index = java.util.Arrays.copyOf(index, size * 2);
                value = java.util.Arrays.copyOf(value, size * 2);
            }
            index[size] = i;
            value[size] = v;
            size++;
        }
    }

    public Vector extract(String text) {
        return extract(text, new Vector());
    }

    /** Extracts into a vector the caller reuses (its earlier content is dropped). */
    public Vector extract(String text, Vector vector) {
        vector.size = 0;
        boolean negated = false;
        long previous = 0;
        boolean hasPrevious = false;
        int afinnSum = 0;
        int afinnPositive = 0;
        int afinnNegative = 0;
        int tokens = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            if (isWordChar(c)) {
                int start = i;
                long word = TokenHash.EMPTY;
                boolean latin = false;
                for (char w = c; isWordChar(w); w = i < length ? text.charAt(i) : ' ') {
                    word = TokenHash.step(word, w); // The word's hash and script in the pass that finds its end.
                    latin |= isLatinLetter(w);
                    i++;
                }
                tokens++;
                if (!latin) {
                    hasPrevious = false; // Digits and other scripts carry no n-gram evidence the model was trained on.
                    continue;
                }
                int fact = wordFacts.get(word, VALENCE_ZERO);
                boolean isNegation = (fact & NEGATION) != 0 || endsWithNt(text, start, i);
                long unigram = negated ? TokenHash.combine(word, NEGATED_SALT) : word;
                vector.add(bucket(unigram), 1f);
                if (hasPrevious) {
                    vector.add(bucket(TokenHash.combine(TokenHash.combine(previous, BIGRAM_SALT), unigram)), 1f);
                }
                int valence = (fact & VALENCE_BITS) - VALENCE_ZERO;
                if (valence != 0) {
                    valence = negated ? -valence : valence;
                    afinnSum += valence;
                    if (valence > 0) {
                        afinnPositive++;
                    } else {
                        afinnNegative++;
                    }
                }
                previous = unigram;
                hasPrevious = true;
                if (isNegation) {
                    negated = true;
                }
            } else {
                if (c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':') {
                    negated = false; // A negation reaches to the next clause boundary.
                    hasPrevious = false;
                }
                i++;
            }
        }
        VaderScores scores = vader.polarityScores(text);
        float scale = (float) (1.0 / Math.sqrt(tokens + 1.0));
        for (int k = 0; k < vector.size; k++) {
            vector.value[k] = scale; // Longer texts must not outvote the lexicon features by length alone.
        }
        vector.add(HASH_SIZE, (float) scores.compound() * 2f);
        vector.add(HASH_SIZE + 1, (float) scores.pos() * 2f);
        vector.add(HASH_SIZE + 2, (float) scores.neg() * 2f);
        vector.add(HASH_SIZE + 3, (float) (afinnSum / Math.sqrt(afinnSum * afinnSum + 16.0)) * 2f);
        vector.add(HASH_SIZE + 4, (float) Math.min(afinnPositive, 5) / 5f);
        vector.add(HASH_SIZE + 5, (float) Math.min(afinnNegative, 5) / 5f);
        vector.add(BIAS, 1f);
        return vector;
    }

    /**
     * The lexicon features of a text (VADER's compound, positive and negative proportions, AFINN's
     * squashed sum and its positive and negative counts), as this model reads them, into
     * {@code into[offset..offset + LEXICON_FEATURES)}: a bundled encoder's head reads them beside
     * its embedding.
     */
    public void lexiconFeatures(String text, float[] into, int offset) {
        lexiconFeatures(extract(text), into, offset);
    }

    /** The same, from a text's features already extracted: one extraction serves this and the hybrid model's logits. */
    public static void lexiconFeatures(Vector vector, float[] into, int offset) {
        for (int k = 0; k < vector.size; k++) {
            int feature = vector.index[k] - HASH_SIZE;
            if (feature >= 0 && feature < LEXICON_FEATURES) {
                into[offset + feature] = vector.value[k];
            }
        }
    }

    private static boolean isLatinLetter(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); // The common case, without Character's tables.
        }
        return c < 0x250 && Character.isLetter(c); // Basic Latin through Latin Extended-B.
    }

    /** Letters, digits and apostrophes make words ("don't" is one word). */
    private static boolean isWordChar(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\''; // Without Character's tables.
        }
        return Character.isLetterOrDigit(c) || c == '\u2019';
    }

    private static boolean endsWithNt(String text, int start, int end) {
        return end - start >= 3 && Character.toLowerCase(text.charAt(end - 1)) == 't'
                && (text.charAt(end - 2) == '\'' || text.charAt(end - 2) == '\u2019')
                && Character.toLowerCase(text.charAt(end - 3)) == 'n';
    }

    private static int bucket(long hash) {
        return (int) (hash >>> (64 - HASH_BITS));
    }
}
