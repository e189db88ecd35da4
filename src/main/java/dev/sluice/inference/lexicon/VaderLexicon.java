package dev.sluice.inference.lexicon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

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
        try (InputStream in = VaderLexicon.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + RESOURCE);
            }
            Map<String, Double> map = new HashMap<>(16_384);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    continue;
                }
                int next = line.indexOf('\t', tab + 1);
                String mean = next < 0 ? line.substring(tab + 1) : line.substring(tab + 1, next);
                map.put(line.substring(0, tab), Double.parseDouble(mean.trim()));
            }
            return new VaderLexicon(Map.copyOf(map));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The valence of a lower-cased token, or {@code null} when the token carries none. */
    public Double valence(String lowerCaseToken) {
        return valences.get(lowerCaseToken);
    }

    public boolean contains(String lowerCaseToken) {
        return valences.containsKey(lowerCaseToken);
    }

    public int size() {
        return valences.size();
    }
}
