package dev.sluice.inference.hybrid;

import java.util.HashMap;
import java.util.Map;

import dev.sluice.inference.ClassPathText;

/**
 * AFINN-165's single-word valences (-5..5), keyed by the 64-bit hash of the lower-cased word so
 * that lookups need no String per token. Its 30 multi-word phrases are left out.
 */
public final class AfinnLexicon {

    public static final String RESOURCE = "sluice/model/afinn-165.txt";

    private final Map<Long, Integer> valenceByHash;

    private AfinnLexicon(Map<Long, Integer> valenceByHash) {
        this.valenceByHash = Map.copyOf(valenceByHash);
    }

    public static AfinnLexicon load() {
        Map<Long, Integer> map = new HashMap<>(8192);
        for (String line : ClassPathText.lines(RESOURCE)) {
            int tab = line.indexOf('\t');
            if (line.startsWith("#") || tab <= 0 || line.substring(0, tab).contains(" ")) {
                continue;
            }
            String word = line.substring(0, tab);
            map.put(TokenHash.of(word, 0, word.length()), Integer.parseInt(line.substring(tab + 1).trim()));
        }
        return new AfinnLexicon(map);
    }

    /** Each word's valence by its {@link TokenHash}. */
    public Map<Long, Integer> valenceByHash() {
        return valenceByHash;
    }
}
