package dev.sluice.inference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import dev.sluice.record.Label;

/**
 * The labelled texts the models are trained and evaluated on, by domain (sources and licences in
 * docs/MODEL.md): UCI "Sentiment Labelled Sentences" (amazon, yelp, imdb: positive and negative),
 * GoEmotions Reddit comments grouped into positive, negative and neutral (reddit), finance news
 * headlines posted on Twitter labelled bearish, bullish or neutral (finance-news), requests typed to
 * a task assistant, all neutral (assistant, from CLINC150), Stack Overflow posts labelled positive,
 * negative or neutral (developer, from the Senti4SD gold standard). Two sets are for evaluation
 * only: sluice's own neutral set, and the prose set, sentences of blogs, essays, fiction, letters,
 * newspapers, travel guides and news headlines labelled by their rated valence (from EmoBank).
 */
public final class LabelledTexts {

    public static final List<String> DOMAINS = List.of("amazon", "yelp", "imdb", "reddit", "finance-news", "assistant", "developer");

    /** Domains kept as train and test splits of {@code text TAB label} lines, gzipped, by directory. */
    private static final Map<String, String> SPLIT_DOMAINS = Map.of("reddit", "goemotions", "finance-news",
            "finance-news", "assistant", "clinc", "developer", "senti4sd");

    /** Where the training domains come from, as the trainers record it in the served figures. */
    public static final String SOURCES = "UCI Sentiment Labelled Sentences (amazon, yelp, imdb); GoEmotions grouped sentiments (reddit); Twitter Financial News (finance-news); CLINC150 requests (assistant); Senti4SD Stack Overflow posts (developer)";

    /** A labelled text and the domain it comes from. */
    public record Example(String text, Label label, String domain) {
    }

    private LabelledTexts() {
    }

    /** A domain's training texts (for split domains a sample of the train split). */
    public static List<Example> training(String domain) {
        return SPLIT_DOMAINS.containsKey(domain) ? split(domain, "train") : uci(domain);
    }

    /** A domain's evaluation texts when it is held out (for split domains the test split). */
    public static List<Example> evaluation(String domain) {
        return SPLIT_DOMAINS.containsKey(domain) ? split(domain, "test") : uci(domain);
    }

    public static List<Example> training(List<String> domains) {
        List<Example> out = new ArrayList<>();
        domains.forEach(d -> out.addAll(training(d)));
        return out;
    }

    /**
     * Training weights by example: every domain weighs as much in total as any other, then every
     * class present as much as any other. Without the first, the largest domain decides what the
     * model learns, and the held-out domains pay for it (docs/MODEL.md).
     */
    public static double[] balancedWeights(List<Example> examples) {
        Map<String, Integer> perDomain = new HashMap<>();
        examples.forEach(e -> perDomain.merge(e.domain(), 1, Integer::sum));
        double[] weight = new double[examples.size()];
        double[] perClass = new double[Label.values().length];
        for (int i = 0; i < weight.length; i++) {
            Example example = examples.get(i);
            weight[i] = (double) examples.size() / (perDomain.size() * perDomain.get(example.domain()));
            perClass[example.label().ordinal()] += weight[i];
        }
        long present = Arrays.stream(perClass).filter(w -> w > 0).count();
        for (int i = 0; i < weight.length; i++) {
            weight[i] *= examples.size() / (present * perClass[examples.get(i).label().ordinal()]);
        }
        return weight;
    }

    /** Plainly neutral texts written for sluice, one per line (an empty line is the empty text). */
    public static List<String> neutralSet() {
        return lines("datasets/neutral/sluice-neutral.txt", false).stream().filter(line -> !line.startsWith("# ")).toList();
    }

    private static List<Example> uci(String domain) {
        String file = switch (domain) {
            case "amazon" -> "amazon_cells_labelled.txt";
            case "yelp" -> "yelp_labelled.txt";
            case "imdb" -> "imdb_labelled.txt";
            default -> throw new IllegalArgumentException("unknown domain " + domain);
        };
        List<Example> out = new ArrayList<>();
        for (String line : lines("datasets/uci-sentiment/" + file, false)) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                Label label = line.substring(tab + 1).trim().equals("1") ? Label.POSITIVE : Label.NEGATIVE;
                out.add(new Example(line.substring(0, tab).trim(), label, domain));
            }
        }
        return out;
    }

    /**
     * Sentences of everyday prose whose rated valence makes them negative, neutral or positive:
     * scored only by the shipped models at their shipped rule, never trained on and never used to
     * choose anything, so its figures carry none of the choices the held-out domains steered.
     */
    public static List<Example> proseSet() {
        return tsv("datasets/emobank/evaluation.tsv.gz", "prose");
    }

    private static List<Example> split(String domain, String split) {
        return tsv("datasets/" + SPLIT_DOMAINS.get(domain) + "/" + split + ".tsv.gz", domain);
    }

    private static List<Example> tsv(String path, String domain) {
        List<Example> out = new ArrayList<>();
        for (String line : lines(path, true)) {
            int tab = line.lastIndexOf('\t');
            out.add(new Example(line.substring(0, tab), Label.valueOf(line.substring(tab + 1).toUpperCase(java.util.Locale.ROOT)),
                    domain));
        }
        return out;
    }

    private static List<String> lines(String path, boolean gzip) {
        try (InputStream resource = LabelledTexts.class.getClassLoader().getResourceAsStream(path)) {
            if (resource == null) {
                throw new IllegalStateException("missing " + path);
            }
            InputStream in = gzip ? new GZIPInputStream(resource) : resource;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
