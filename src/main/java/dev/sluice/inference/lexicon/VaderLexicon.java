package dev.sluice.inference.lexicon;

import java.util.HashMap;
import java.util.Map;

import dev.sluice.inference.ClassPathText;

/**
 * VADER's word list ({@code vader_lexicon.txt}: token, mean valence, ...), loaded once from the
 * class path. A token listed twice keeps its last valence, as in the reference implementation.
 */
public final class VaderLexicon {

    public static final String RESOURCE = "sluice/model/vader_lexicon.txt";

    private final Map<String, Double> valences;

    private VaderLexicon(Map<String, Double> valences) {
        this.valences = valences;
    }

    public static VaderLexicon load() {
        Map<String, Double> map = new HashMap<>(16_384);
        for (String line : ClassPathText.lines(RESOURCE)) {
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                continue;
            }
            int next = line.indexOf('\t', tab + 1);
            String mean = next < 0 ? line.substring(tab + 1) : line.substring(tab + 1, next);
            map.put(line.substring(0, tab), Double.parseDouble(mean.trim()));
        }
        return new VaderLexicon(Map.copyOf(map));
    }

    /** The valence of a lower-cased token, or {@code null} when the token carries none. */
    public Double valence(String lowerCaseToken) {
        return valences.get(lowerCaseToken);
    }

    public boolean contains(String lowerCaseToken) {
        return valences.containsKey(lowerCaseToken);
    }

    /** Every token of the list. */
    public java.util.Set<String> tokens() {
        return valences.keySet();
    }

    public int size() {
        return valences.size();
    }
}
