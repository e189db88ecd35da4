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

    private final VaderLexicon lexicon;

    public VaderAnalyzer(VaderLexicon lexicon) {
        this.lexicon = lexicon;
    }

    public VaderScores polarityScores(String text) {
        List<String> tokens = wordsAndEmoticons(text);
        String[] words = tokens.toArray(new String[0]);
        // Lower-cased once: each String then caches its hash across the many lookups below.
        String[] lowers = new String[words.length];
        for (int i = 0; i < words.length; i++) {
            lowers[i] = lower(words[i]);
        }
        boolean capDiff = allCapDifferential(words);
        double[] sentiments = new double[words.length];
        for (int i = 0; i < words.length; i++) {
            boolean kindOf = i < words.length - 1 && lowers[i].equals("kind") && lowers[i + 1].equals("of");
            if (kindOf || BOOSTER.containsKey(lowers[i])) {
                continue;
            }
            sentiments[i] = sentimentValence(words, lowers, i, capDiff);
        }
        butCheck(words, sentiments);
        return scoreValence(sentiments, text);
    }

    private double sentimentValence(String[] words, String[] lowers, int index, boolean capDiff) {
        String item = words[index];
        Double base = lexicon.valence(lowers[index]);
        if (base == null) {
            return 0;
        }
        double valence = base;
        if (capDiff && isUpper(item)) {
            valence += valence > 0 ? C_INCR : -C_INCR;
        }
        for (int startI = 0; startI < 3; startI++) {
            if (index > startI && !lexicon.contains(lowers[index - (startI + 1)])) {
                double s = scalarIncDec(words[index - (startI + 1)], lowers[index - (startI + 1)], valence, capDiff);
                if (startI == 1 && s != 0) {
                    s *= 0.95;
                } else if (startI == 2 && s != 0) {
                    s *= 0.9;
                }
                valence += s;
                valence = neverCheck(valence, words, startI, index);
                if (startI == 2) {
                    valence = idiomsCheck(valence, words, index);
                }
            }
        }
        return leastCheck(valence, lowers, index);
    }

    private static double scalarIncDec(String word, String lower, double valence, boolean capDiff) {
        Double boost = BOOSTER.get(lower);
        if (boost == null) {
            return 0;
        }
        double scalar = valence < 0 ? -boost : boost;
        if (capDiff && isUpper(word)) {
            scalar += valence > 0 ? C_INCR : -C_INCR;
        }
        return scalar;
    }

    private static double neverCheck(double valence, String[] words, int startI, int index) {
        if (startI == 0) {
            if (negated(words[index - 1])) {
                valence *= N_SCALAR;
            }
        } else if (startI == 1) {
            String before = words[index - 1];
            if (words[index - 2].equals("never") && (before.equals("so") || before.equals("this"))) {
                valence *= 1.5;
            } else if (negated(words[index - 2])) {
                valence *= N_SCALAR;
            }
        } else {
            String one = words[index - 1];
            String two = words[index - 2];
            if ((words[index - 3].equals("never") && (two.equals("so") || two.equals("this")))
                    || one.equals("so") || one.equals("this")) {
                valence *= 1.25;
            } else if (negated(words[index - 3])) {
                valence *= N_SCALAR;
            }
        }
        return valence;
    }

    private static double idiomsCheck(double valence, String[] words, int index) {
        String w0 = words[index];
        String w1 = words[index - 1];
        String w2 = words[index - 2];
        String w3 = words[index - 3];
        // The reference joins words into strings and looks them up; comparing word by word gives
        // the same answers without building a string per sentiment word.
        Double idiom = idiom(w1, w0);
        if (idiom == null) {
            idiom = idiom(w2, w1, w0);
        }
        if (idiom == null) {
            idiom = idiom(w2, w1);
        }
        if (idiom == null) {
            idiom = idiom(w3, w2, w1);
        }
        if (idiom == null) {
            idiom = idiom(w3, w2);
        }
        if (idiom != null) {
            valence = idiom;
        }
        if (words.length - 1 > index) {
            Double after = idiom(w0, words[index + 1]);
            if (after != null) {
                valence = after;
            }
        }
        if (words.length - 1 > index + 1) {
            Double after = idiom(w0, words[index + 1], words[index + 2]);
            if (after != null) {
                valence = after;
            }
        }
        if (isBoosterBigram(w3, w2) || isBoosterBigram(w2, w1)) {
            valence += B_DECR;
        }
        return valence;
    }

    /** The idiom of two words, or null; no array per call (this runs for every sentiment word). */
    private static Double idiom(String first, String second) {
        if (!SEQUENCE_WORDS.contains(first)) {
            return null;
        }
        for (int i = 0; i < IDIOM_WORDS.length; i++) {
            String[] idiom = IDIOM_WORDS[i];
            if (idiom.length == 2 && idiom[0].equals(first) && idiom[1].equals(second)) {
                return IDIOM_VALUES[i];
            }
        }
        return null;
    }

    /** The idiom of three words, or null. */
    private static Double idiom(String first, String second, String third) {
        if (!SEQUENCE_WORDS.contains(first)) {
            return null;
        }
        for (int i = 0; i < IDIOM_WORDS.length; i++) {
            String[] idiom = IDIOM_WORDS[i];
            if (idiom.length == 3 && idiom[0].equals(first) && idiom[1].equals(second) && idiom[2].equals(third)) {
                return IDIOM_VALUES[i];
            }
        }
        return null;
    }

    private static boolean isBoosterBigram(String first, String second) {
        for (String[] bigram : BOOSTER_BIGRAMS) {
            if (bigram[0].equals(first) && bigram[1].equals(second)) {
                return true;
            }
        }
        return false;
    }

    private double leastCheck(double valence, String[] lowers, int index) {
        if (index > 0 && lowers[index - 1].equals("least") && !lexicon.contains("least")) {
            if (index > 1) {
                String two = lowers[index - 2];
                if (!two.equals("at") && !two.equals("very")) {
                    valence *= N_SCALAR;
                }
            } else {
                valence *= N_SCALAR;
            }
        }
        return valence;
    }

    private static void butCheck(String[] words, double[] sentiments) {
        int but = indexOf(words, "but");
        if (but < 0) {
            but = indexOf(words, "BUT");
        }
        if (but < 0) {
            return;
        }
        for (int i = 0; i < sentiments.length; i++) {
            if (i < but) {
                sentiments[i] *= 0.5;
            } else if (i > but) {
                sentiments[i] *= 1.5;
            }
        }
    }

    private static VaderScores scoreValence(double[] sentiments, String text) {
        if (sentiments.length == 0) {
            return VaderScores.NONE;
        }
        double sum = 0;
        for (double s : sentiments) {
            sum += s;
        }
        double emphasis = punctuationEmphasis(text);
        if (sum > 0) {
            sum += emphasis;
        } else if (sum < 0) {
            sum -= emphasis;
        }
        double compound = round(normalize(sum), 4);
        double posSum = 0;
        double negSum = 0;
        int neutral = 0;
        for (double s : sentiments) {
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

    private static double punctuationEmphasis(String text) {
        int exclamations = 0;
        int questions = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '!') {
                exclamations++;
            } else if (c == '?') {
                questions++;
            }
        }
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

    private static boolean negated(String word) {
        return NEGATE.contains(word) || word.contains("n't");
    }

    /** Python's {@code str.isupper()} as VADER uses it: some upper-case ASCII letter, no lower-case one. */
    static boolean isUpper(String word) {
        boolean upper = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return false;
            }
            upper |= c >= 'A' && c <= 'Z';
        }
        return upper;
    }

    private static boolean allCapDifferential(String[] words) {
        int caps = 0;
        for (String word : words) {
            if (isUpper(word)) {
                caps++;
            }
        }
        int differential = words.length - caps;
        return differential > 0 && differential < words.length;
    }

    private static int indexOf(String[] words, String word) {
        for (int i = 0; i < words.length; i++) {
            if (words[i].equals(word)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whitespace tokens longer than one character, with one listed punctuation run stripped from
     * either end when what remains is a word of the punctuation-free text (emoticons survive).
     */
    static List<String> wordsAndEmoticons(String text) {
        List<String> tokens = splitWhitespace(text);
        if (tokens.isEmpty()) {
            return tokens;
        }
        Set<String> plainWords = null;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (!isPunctuationEdge(token.charAt(0)) && !isPunctuationEdge(token.charAt(token.length() - 1))) {
                continue;
            }
            if (plainWords == null) {
                plainWords = new HashSet<>(splitWhitespace(stripPunctuation(text)));
            }
            for (String punc : PUNC_LIST) {
                if (token.length() > punc.length() + 1) {
                    if (token.startsWith(punc) && plainWords.contains(token.substring(punc.length()))) {
                        tokens.set(i, token.substring(punc.length()));
                        break;
                    }
                    if (token.endsWith(punc) && plainWords.contains(token.substring(0, token.length() - punc.length()))) {
                        tokens.set(i, token.substring(0, token.length() - punc.length()));
                        break;
                    }
                }
            }
        }
        return tokens;
    }

    private static boolean isPunctuationEdge(char c) {
        return c == '.' || c == '!' || c == '?' || c == ',' || c == ';' || c == ':' || c == '-' || c == '\'' || c == '"';
    }

    private static String stripPunctuation(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean asciiPunct = (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
            if (!asciiPunct) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Splits on JavaScript's {@code \s} and keeps pieces longer than one UTF-16 unit. */
    private static List<String> splitWhitespace(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean boundary = i == text.length() || isJsWhitespace(text.charAt(i));
            if (boundary) {
                if (start >= 0 && i - start > 1) {
                    out.add(text.substring(start, i));
                }
                start = -1;
            } else if (start < 0) {
                start = i;
            }
        }
        return out;
    }

    private static boolean isJsWhitespace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00a0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200a')
                || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000' || c == '\ufeff';
    }

    private static String lower(String word) {
        return word.toLowerCase(Locale.ROOT);
    }
}
