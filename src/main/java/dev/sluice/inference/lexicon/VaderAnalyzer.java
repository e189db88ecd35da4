package dev.sluice.inference.lexicon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * VADER (Hutto and Gilbert, ICWSM 2014), ported rule for rule from the npm package
 * {@code vader-sentiment@1.1.3} whose lexicon sluice ships. Stateless after construction and safe
 * to share between threads. No Java port is published on Maven Central, hence our own.
 */
public final class VaderAnalyzer {

    static final double B_INCR = 0.293;
    static final double B_DECR = -0.293;
    static final double C_INCR = 0.733;
    static final double N_SCALAR = -0.74;

    private static final String[] PUNC_LIST = {
            ".", "!", "?", ",", ";", ":", "-", "'", "\"", "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?"
    };

    private static final Set<String> NEGATE = Set.of(
            "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
            "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
            "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
            "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
            "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
            "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
            "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    private static final Map<String, Double> BOOSTER = new HashMap<>(Map.ofEntries(
            Map.entry("absolutely", B_INCR), Map.entry("amazingly", B_INCR), Map.entry("awfully", B_INCR),
            Map.entry("completely", B_INCR), Map.entry("considerably", B_INCR), Map.entry("decidedly", B_INCR),
            Map.entry("deeply", B_INCR), Map.entry("effing", B_INCR), Map.entry("enormously", B_INCR),
            Map.entry("entirely", B_INCR), Map.entry("especially", B_INCR), Map.entry("exceptionally", B_INCR),
            Map.entry("extremely", B_INCR), Map.entry("fabulously", B_INCR), Map.entry("flipping", B_INCR),
            Map.entry("flippin", B_INCR), Map.entry("fricking", B_INCR), Map.entry("frickin", B_INCR),
            Map.entry("frigging", B_INCR), Map.entry("friggin", B_INCR), Map.entry("fully", B_INCR),
            Map.entry("fucking", B_INCR), Map.entry("greatly", B_INCR), Map.entry("hella", B_INCR),
            Map.entry("highly", B_INCR), Map.entry("hugely", B_INCR), Map.entry("incredibly", B_INCR),
            Map.entry("intensely", B_INCR), Map.entry("majorly", B_INCR), Map.entry("more", B_INCR),
            Map.entry("most", B_INCR), Map.entry("particularly", B_INCR), Map.entry("purely", B_INCR),
            Map.entry("quite", B_INCR), Map.entry("really", B_INCR), Map.entry("remarkably", B_INCR),
            Map.entry("so", B_INCR), Map.entry("substantially", B_INCR), Map.entry("thoroughly", B_INCR),
            Map.entry("totally", B_INCR), Map.entry("tremendously", B_INCR), Map.entry("uber", B_INCR),
            Map.entry("unbelievably", B_INCR), Map.entry("unusually", B_INCR), Map.entry("utterly", B_INCR),
            Map.entry("very", B_INCR),
            Map.entry("almost", B_DECR), Map.entry("barely", B_DECR), Map.entry("hardly", B_DECR),
            Map.entry("just enough", B_DECR), Map.entry("kind of", B_DECR), Map.entry("kinda", B_DECR),
            Map.entry("kindof", B_DECR), Map.entry("kind-of", B_DECR), Map.entry("less", B_DECR),
            Map.entry("little", B_DECR), Map.entry("marginally", B_DECR), Map.entry("occasionally", B_DECR),
            Map.entry("partly", B_DECR), Map.entry("scarcely", B_DECR), Map.entry("slightly", B_DECR),
            Map.entry("somewhat", B_DECR), Map.entry("sort of", B_DECR), Map.entry("sorta", B_DECR),
            Map.entry("sortof", B_DECR), Map.entry("sort-of", B_DECR)));

    private static final Map<String, Double> IDIOMS = Map.of(
            "the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5, "yeah right", -2.0,
            "cut the mustard", 2.0, "kiss of death", -1.5, "hand to mouth", -2.0);

    /** The words that make up idioms and multi-word boosters. */
    private static final Set<String> SEQUENCE_WORDS = sequenceWords();
    private static final String[][] IDIOM_WORDS = IDIOMS.keySet().stream().map(k -> k.split(" ")).toArray(String[][]::new);
    private static final double[] IDIOM_VALUES = IDIOMS.keySet().stream().mapToDouble(IDIOMS::get).toArray();
    private static final String[][] BOOSTER_BIGRAMS = BOOSTER.keySet().stream().filter(k -> k.contains(" "))
            .map(k -> k.split(" ")).toArray(String[][]::new);

    /** Words the rules below compare or look up besides the lexicon's and the lists' own. */
    private static final List<String> RULE_WORDS = List.of("kind", "of", "never", "so", "this", "least", "at", "very", "but", "BUT");

    /** Every word a rule names, each once; a token is looked up here by its characters. */
    private final CharRangeSet vocabulary;
    /**
     * By vocabulary entry, what the rules look up per token: its lexicon valence and its booster
     * value (NaN: none), whether it negates and whether it starts an idiom or a multi-word booster.
     * Array reads where map lookups were a tenth of the hybrid model's time (docs/BENCHMARKS.md).
     */
    private final double[] valences;
    private final double[] boosts;
    private final boolean[] negates;
    private final boolean[] sequenceWords;
    /** The entries of the words the rules compare tokens with: a token is compared by its entry. */
    private final int kind;
    private final int of;
    private final int never;
    private final int so;
    private final int thisWord;
    private final int least;
    private final int at;
    private final int very;
    private final int but;
    private final int butCapitals;
    private final boolean leastInLexicon;
    /** IDIOM_WORDS and BOOSTER_BIGRAMS as entries. */
    private final int[][] idiomEntries;
    private final int[][] boosterBigramEntries;
    /** One token buffer per thread: a text's tokens allocate nothing once the thread has seen a text as long. */
    private final ThreadLocal<VaderTokens> buffers = ThreadLocal.withInitial(VaderTokens::new);

    public VaderAnalyzer(VaderLexicon lexicon) {
        List<String> named = new ArrayList<>(lexicon.tokens());
        named.addAll(BOOSTER.keySet());
        named.addAll(NEGATE);
        named.addAll(SEQUENCE_WORDS);
        named.addAll(RULE_WORDS);
        StringBuilder joined = new StringBuilder();
        for (String word : named) {
            joined.append(word);
        }
        vocabulary = new CharRangeSet(joined.toString());
        List<String> distinct = new ArrayList<>();
        int start = 0;
        for (String word : named) {
            if (vocabulary.add(start, start + word.length()) == distinct.size()) {
                distinct.add(word);
            }
            start += word.length();
        }
        String[] vocabularyWords = distinct.toArray(String[]::new);
        valences = new double[vocabularyWords.length];
        boosts = new double[vocabularyWords.length];
        negates = new boolean[vocabularyWords.length];
        sequenceWords = new boolean[vocabularyWords.length];
        for (int entry = 0; entry < vocabularyWords.length; entry++) {
            String word = vocabularyWords[entry];
            Double valence = lexicon.valence(word);
            valences[entry] = valence == null ? Double.NaN : valence;
            boosts[entry] = BOOSTER.getOrDefault(word, Double.NaN);
            negates[entry] = NEGATE.contains(word);
            sequenceWords[entry] = SEQUENCE_WORDS.contains(word);
        }
        kind = entry("kind");
        of = entry("of");
        never = entry("never");
        so = entry("so");
        thisWord = entry("this");
        least = entry("least");
        at = entry("at");
        very = entry("very");
        but = entry("but");
        butCapitals = entry("BUT");
        leastInLexicon = lexicon.contains("least");
        idiomEntries = entries(IDIOM_WORDS);
        boosterBigramEntries = entries(BOOSTER_BIGRAMS);
    }

    /** The vocabulary entry of a word every rule list puts in the vocabulary. */
    private int entry(String word) {
        int entry = vocabulary.find(word, 0, word.length(), false);
        if (entry < 0) {
            throw new IllegalStateException("not in VADER's vocabulary: " + word);
        }
        return entry;
    }

    private int[][] entries(String[][] sequences) {
        int[][] entries = new int[sequences.length][];
        for (int i = 0; i < sequences.length; i++) {
            entries[i] = java.util.Arrays.stream(sequences[i]).mapToInt(this::entry).toArray();
        }
        return entries;
    }

    /** The lexicon valence of a vocabulary entry; NaN for none (or no entry). */
    private double valence(int entry) {
        return entry < 0 ? Double.NaN : valences[entry];
    }

    private boolean inLexicon(int entry) {
        return !Double.isNaN(valence(entry));
    }

    public VaderScores polarityScores(String text) {
        VaderTokens tokens = buffers.get();
        wordsAndEmoticons(text, tokens);
        int size = tokens.size;
        int[] lowerEntries = tokens.lowerEntries;
        boolean capDiff = allCapDifferential(tokens);
        double[] sentiments = tokens.sentiments;
        for (int i = 0; i < size; i++) {
            boolean kindOf = i < size - 1 && lowerEntries[i] == kind && lowerEntries[i + 1] == of;
            if (kindOf || (lowerEntries[i] >= 0 && !Double.isNaN(boosts[lowerEntries[i]]))) {
                continue;
            }
            sentiments[i] = sentimentValence(tokens, i, capDiff);
        }
        butCheck(tokens);
        return scoreValence(sentiments, size, punctuationEmphasis(tokens.exclamations, tokens.questions));
    }

    private double sentimentValence(VaderTokens tokens, int index, boolean capDiff) {
        int[] lowerEntries = tokens.lowerEntries;
        double valence = valence(lowerEntries[index]);
        if (Double.isNaN(valence)) {
            return 0;
        }
        if (capDiff && tokens.upper[index]) {
            valence += valence > 0 ? C_INCR : -C_INCR;
        }
        for (int startI = 0; startI < 3; startI++) {
            int before = index - (startI + 1);
            if (index > startI && !inLexicon(lowerEntries[before])) {
                double s = scalarIncDec(tokens.upper[before], lowerEntries[before], valence, capDiff);
                if (startI == 1 && s != 0) {
                    s *= 0.95;
                } else if (startI == 2 && s != 0) {
                    s *= 0.9;
                }
                valence += s;
                valence = neverCheck(valence, tokens, startI, index);
                if (startI == 2) {
                    valence = idiomsCheck(valence, tokens, index);
                }
            }
        }
        return leastCheck(valence, lowerEntries, index);
    }

    private double scalarIncDec(boolean isUpper, int lowerEntry, double valence, boolean capDiff) {
        double boost = lowerEntry < 0 ? Double.NaN : boosts[lowerEntry];
        if (Double.isNaN(boost)) {
            return 0;
        }
        double scalar = valence < 0 ? -boost : boost;
        if (capDiff && isUpper) {
            scalar += valence > 0 ? C_INCR : -C_INCR;
        }
        return scalar;
    }

    private double neverCheck(double valence, VaderTokens tokens, int startI, int index) {
        int[] words = tokens.wordEntries;
        if (startI == 0) {
            if (negated(tokens, index - 1)) {
                valence *= N_SCALAR;
            }
        } else if (startI == 1) {
            int before = words[index - 1];
            if (words[index - 2] == never && (before == so || before == thisWord)) {
                valence *= 1.5;
            } else if (negated(tokens, index - 2)) {
                valence *= N_SCALAR;
            }
        } else {
            int one = words[index - 1];
            int two = words[index - 2];
            if ((words[index - 3] == never && (two == so || two == thisWord)) || one == so || one == thisWord) {
                valence *= 1.25;
            } else if (negated(tokens, index - 3)) {
                valence *= N_SCALAR;
            }
        }
        return valence;
    }

    private double idiomsCheck(double valence, VaderTokens tokens, int index) {
        int[] entries = tokens.wordEntries;
        int size = tokens.size;
        int e0 = entries[index];
        int e1 = entries[index - 1];
        int e2 = entries[index - 2];
        int e3 = entries[index - 3];
        // The reference joins words into strings and looks them up; comparing word by word gives
        // the same answers without building a string per sentiment word.
        Double idiom = idiom(e1, e0);
        if (idiom == null) {
            idiom = idiom(e2, e1, e0);
        }
        if (idiom == null) {
            idiom = idiom(e2, e1);
        }
        if (idiom == null) {
            idiom = idiom(e3, e2, e1);
        }
        if (idiom == null) {
            idiom = idiom(e3, e2);
        }
        if (idiom != null) {
            valence = idiom;
        }
        if (size - 1 > index) {
            Double after = idiom(e0, entries[index + 1]);
            if (after != null) {
                valence = after;
            }
        }
        if (size - 1 > index + 1) {
            Double after = idiom(e0, entries[index + 1], entries[index + 2]);
            if (after != null) {
                valence = after;
            }
        }
        if (isBoosterBigram(e3, e2) || isBoosterBigram(e2, e1)) {
            valence += B_DECR;
        }
        return valence;
    }

    /** The idiom of two words by their entries, or null; no array per call (this runs for every sentiment word). */
    private Double idiom(int first, int second) {
        if (first < 0 || !sequenceWords[first]) {
            return null;
        }
        for (int i = 0; i < idiomEntries.length; i++) {
            int[] idiom = idiomEntries[i];
            if (idiom.length == 2 && idiom[0] == first && idiom[1] == second) {
                return IDIOM_VALUES[i];
            }
        }
        return null;
    }

    /** The idiom of three words by their entries, or null. */
    private Double idiom(int first, int second, int third) {
        if (first < 0 || !sequenceWords[first]) {
            return null;
        }
        for (int i = 0; i < idiomEntries.length; i++) {
            int[] idiom = idiomEntries[i];
            if (idiom.length == 3 && idiom[0] == first && idiom[1] == second && idiom[2] == third) {
                return IDIOM_VALUES[i];
            }
        }
        return null;
    }

    private boolean isBoosterBigram(int first, int second) {
        if (first < 0 || !sequenceWords[first]) {
            return false;
        }
        for (int[] bigram : boosterBigramEntries) {
            if (bigram[0] == first && bigram[1] == second) {
                return true;
            }
        }
        return false;
    }

    private double leastCheck(double valence, int[] lowerEntries, int index) {
        if (index > 0 && lowerEntries[index - 1] == least && !leastInLexicon) {
            if (index > 1) {
                int two = lowerEntries[index - 2];
                if (two != at && two != very) {
                    valence *= N_SCALAR;
                }
            } else {
                valence *= N_SCALAR;
            }
        }
        return valence;
    }

    private void butCheck(VaderTokens tokens) {
        int but = indexOf(tokens, this.but);
        if (but < 0) {
            but = indexOf(tokens, butCapitals);
        }
        if (but < 0) {
            return;
        }
        double[] sentiments = tokens.sentiments;
        for (int i = 0; i < tokens.size; i++) {
            if (i < but) {
                sentiments[i] *= 0.5;
            } else if (i > but) {
                sentiments[i] *= 1.5;
            }
        }
    }

    private static VaderScores scoreValence(double[] sentiments, int size, double emphasis) {
        if (size == 0) {
            return VaderScores.NONE;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += sentiments[i];
        }
        if (sum > 0) {
            sum += emphasis;
        } else if (sum < 0) {
            sum -= emphasis;
        }
        double compound = round(normalize(sum), 4);
        double posSum = 0;
        double negSum = 0;
        int neutral = 0;
        for (int i = 0; i < size; i++) {
            double s = sentiments[i];
            if (s > 0) {
                posSum += s + 1;
            } else if (s < 0) {
                negSum += s - 1;
            } else {
                neutral++;
            }
        }
        if (posSum > Math.abs(negSum)) {
            posSum += emphasis;
        } else if (posSum < Math.abs(negSum)) {
            negSum -= emphasis;
        }
        double total = posSum + Math.abs(negSum) + neutral;
        return new VaderScores(compound,
                round(Math.abs(posSum / total), 3),
                round(Math.abs(negSum / total), 3),
                round(Math.abs(neutral / total), 3));
    }

    private static double punctuationEmphasis(int exclamations, int questions) {
        double ep = Math.min(exclamations, 4) * 0.292;
        double qm = questions > 1 ? (questions <= 3 ? questions * 0.18 : 0.96) : 0;
        return ep + qm;
    }

    private static Set<String> sequenceWords() {
        Set<String> words = new HashSet<>();
        for (String key : IDIOMS.keySet()) {
            words.addAll(List.of(key.split(" ")));
        }
        for (String key : BOOSTER.keySet()) {
            if (key.contains(" ")) {
                words.addAll(List.of(key.split(" ")));
            }
        }
        return Set.copyOf(words);
    }

    static double normalize(double score) {
        double norm = score / Math.sqrt(score * score + 15);
        return Math.max(-1.0, Math.min(1.0, norm));
    }

    private static double round(double value, int places) {
        double scale = places == 3 ? 1_000 : 10_000;
        return Math.round(value * scale) / scale;
    }

    private boolean negated(VaderTokens tokens, int index) {
        int entry = tokens.wordEntries[index];
        return (entry >= 0 && negates[entry]) || tokens.contraction[index];
    }

    private static boolean allCapDifferential(VaderTokens tokens) {
        int caps = 0;
        for (int i = 0; i < tokens.size; i++) {
            if (tokens.upper[i]) {
                caps++;
            }
        }
        int differential = tokens.size - caps;
        return differential > 0 && differential < tokens.size;
    }

    private static int indexOf(VaderTokens tokens, int wordEntry) {
        int[] words = tokens.wordEntries;
        for (int i = 0; i < tokens.size; i++) {
            if (words[i] == wordEntry) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whitespace tokens longer than one character, with one listed punctuation run stripped from
     * either end when what remains is a word of the punctuation-free text (emoticons survive).
     * <p>
     * What remains is such a word exactly when it holds no ASCII punctuation: the punctuation-free
     * text's words are the whitespace tokens with their ASCII punctuation removed, so a remainder
     * with none equals its own token's word, and one with some equals no word. The reference builds
     * that word list per text; the test needs only the remainder.
     */
    private void wordsAndEmoticons(String text, VaderTokens tokens) {
        tokens.clear();
        int exclamations = 0;
        int questions = 0;
        int start = -1;
        // The token's lookup hash and shape, read in the pass that finds its end: a token that keeps
        // its edges (most do) is not read again before its lookup.
        int hash = 0;
        int shape = 0;
        int textLength = text.length();
        for (int i = 0; i <= textLength; i++) {
            char c = i == textLength ? ' ' : text.charAt(i);
            if (!isJsWhitespace(c)) {
                if (start < 0) {
                    start = i;
                    hash = 0;
                    shape = 0;
                }
                hash = CharRangeSet.hash(hash, c);
                shape |= shape(text, start, i, c);
                if (c == '!') {
                    exclamations++;
                } else if (c == '?') {
                    questions++;
                }
                continue;
            }
            if (start >= 0 && i - start > 1) {
                int from = start;
                int to = i;
                if (isPunctuationEdge(text.charAt(from)) || isPunctuationEdge(text.charAt(to - 1))) {
                    for (String punc : PUNC_LIST) {
                        int length = punc.length();
                        if (to - from > length + 1) {
                            if (text.startsWith(punc, from) && !hasAsciiPunctuation(text, from + length, to)) {
                                from += length;
                                break;
                            }
                            if (text.startsWith(punc, to - length) && !hasAsciiPunctuation(text, from, to - length)) {
                                to -= length;
                                break;
                            }
                        }
                    }
                }
                if (from == start && to == i) {
                    addToken(text, from, to, hash, shape, tokens);
                } else {
                    addToken(text, from, to, tokens); // An edge was stripped: read what remains again.
                }
            }
            start = -1;
        }
        tokens.exclamations = exclamations;
        tokens.questions = questions;
    }

    private void addToken(String text, int start, int end, VaderTokens tokens) {
        int hash = 0;
        int shape = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            hash = CharRangeSet.hash(hash, c);
            shape |= shape(text, start, i, c);
        }
        addToken(text, start, end, hash, shape, tokens);
    }

    /** Adds the token {@code text[start, end)} with its {@link CharRangeSet#hash} and {@link #shape}. */
    private void addToken(String text, int start, int end, int hash, int shape, VaderTokens tokens) {
        int wordEntry = vocabulary.find(text, start, end, hash);
        int lowerEntry;
        if ((shape & (NOT_ASCII | HAS_UPPER)) == 0) {
            lowerEntry = wordEntry; // Already lower case: one lookup, not two.
        } else if ((shape & NOT_ASCII) == 0) {
            lowerEntry = vocabulary.find(text, start, end, true);
        } else {
            String lowered = text.substring(start, end).toLowerCase(Locale.ROOT); // Rare: full Unicode case rules.
            lowerEntry = vocabulary.find(lowered, 0, lowered.length(), false);
        }
        boolean upper = (shape & HAS_UPPER) != 0 && (shape & HAS_LOWER) == 0;
        tokens.add(wordEntry, lowerEntry, upper, (shape & CONTRACTION) != 0);
    }

    private static boolean hasAsciiPunctuation(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if ((c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPunctuationEdge(char c) {
        return c == '.' || c == '!' || c == '?' || c == ',' || c == ';' || c == ':' || c == '-' || c == '\'' || c == '"';
    }

    /** {@link #shape} bits. */
    private static final int NOT_ASCII = 1;
    private static final int HAS_UPPER = 2;
    private static final int HAS_LOWER = 4;
    private static final int CONTRACTION = 8;

    /**
     * What addToken needs to know of a token, one character {@code text[i]} at a time (the token
     * starts at {@code start}): whether it is ASCII, has letters A-Z and a-z (capitals and no a-z is
     * Python's {@code str.isupper()} as VADER uses it), and holds "n't", seen at its 't'.
     */
    private static int shape(String text, int start, int i, char c) {
        if (c >= 0x80) {
            return NOT_ASCII;
        }
        if (c >= 'A' && c <= 'Z') {
            return HAS_UPPER;
        }
        if (c >= 'a' && c <= 'z') {
            return c == 't' && i - start >= 2 && text.charAt(i - 1) == '\'' && text.charAt(i - 2) == 'n'
                    ? HAS_LOWER | CONTRACTION
                    : HAS_LOWER;
        }
        return 0;
    }

    private static boolean isJsWhitespace(char c) {
        if (c > ' ' && c < '\u00a0') {
            return false; // Printable ASCII, most of every text, without the comparisons below.
        }
        return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00a0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200a')
                || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000' || c == '\ufeff';
    }
}
