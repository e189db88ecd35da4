package dev.sluice.loadgen;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.inference.LabelledTexts;

/** The bundled text corpus: the 3,000 UCI review sentences. */
final class Corpus {

    private Corpus() {
    }

    static List<String> sentences() {
        List<String> out = new ArrayList<>();
        List.of("amazon", "yelp", "imdb").forEach(d -> LabelledTexts.training(d).forEach(e -> out.add(e.text())));
        return out;
    }
}
