package dev.sluice.inference.lexicon;

import java.util.List;

import dev.sluice.inference.SentimentModel;
import dev.sluice.record.Sentiment;

/** VADER's compound score as the sentiment score. */
public final class LexiconModel implements SentimentModel {

    private final VaderAnalyzer analyzer;
    private final double neutralBand;

    public LexiconModel(VaderAnalyzer analyzer, double neutralBand) {
        this.analyzer = analyzer;
        this.neutralBand = neutralBand;
    }

    @Override
    public String name() {
        return "vader-lexicon";
    }

    @Override
    public String version() {
        return "1.1.3";
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public List<Sentiment> predict(List<String> texts) {
        return Sentiment.each(texts, text -> analyzer.polarityScores(text).compound(), neutralBand);
    }
}
