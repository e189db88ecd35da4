package dev.sluice.inference.hybrid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * AFINN-165's single-word valences (-5..5), keyed by the 64-bit hash of the lower-cased word so
 * that lookups need no String per token. Its 30 multi-word phrases are left out.
 */
public final class AfinnLexicon {

    public static final String RESOURCE = "sluice/model/afinn-165.txt";

    private final Map<Long, Integer> valenceByHash;

    private AfinnLexicon(Map<Long, Integer> valenceByHash) {
        this.valenceByHash = valenceByHash;
    }

    public static AfinnLexicon load() {
        try (InputStream in = AfinnLexicon.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + RESOURCE);
            }
            Map<Long, Integer> map = new HashMap<>(8192);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (line.startsWith("#") || tab <= 0 || line.substring(0, tab).contains(" ")) {
                    continue;
                }
                String word = line.substring(0, tab);
                map.put(TokenHash.of(word, 0, word.length()), Integer.parseInt(line.substring(tab + 1).trim()));
            }
            return new AfinnLexicon(map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The valence of a token by its {@link TokenHash}, or 0. */
    public int valence(long tokenHash) {
        Integer valence = valenceByHash.get(tokenHash);
        return valence == null ? 0 : valence;
    }

    public int size() {
        return valenceByHash.size();
    }
}
