package dev.sluice.inference.hybrid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The UCI "Sentiment Labelled Sentences" files (sentence TAB 0|1), CC BY 4.0, Kotzias et al. 2015. */
public final class LabelledSentences {

    public static final List<String> DOMAINS = List.of("amazon", "yelp", "imdb");

    public record Example(String text, int label) {
    }

    private LabelledSentences() {
    }

    public static List<Example> load(String domain) {
        String file = switch (domain) {
            case "amazon" -> "amazon_cells_labelled.txt";
            case "yelp" -> "yelp_labelled.txt";
            case "imdb" -> "imdb_labelled.txt";
            default -> throw new IllegalArgumentException("unknown domain " + domain);
        };
        String path = "datasets/uci-sentiment/" + file;
        try (InputStream in = LabelledSentences.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            List<Example> out = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0) {
                    out.add(new Example(line.substring(0, tab).trim(), Integer.parseInt(line.substring(tab + 1).trim())));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Example> load(List<String> domains) {
        List<Example> out = new ArrayList<>();
        domains.forEach(d -> out.addAll(load(d)));
        return out;
    }
}
