package dev.sluice.inference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.sluice.config.SluiceConfig;
import dev.sluice.inference.lexicon.LexiconModel;
import dev.sluice.inference.lexicon.VaderAnalyzer;
import dev.sluice.inference.lexicon.VaderLexicon;
import dev.sluice.inference.simulated.SimulatedModel;

/** Builds the model that {@code sluice.model.kind} names. */
@ApplicationScoped
public class ModelProducer {

    @Produces
    @Singleton // No client proxy: predict() is called once per micro-batch on the hot path.
    SentimentModel model(SluiceConfig config) {
        SluiceConfig.Model model = config.model();
        return switch (model.kind()) {
            case LEXICON, HYBRID -> new LexiconModel(new VaderAnalyzer(VaderLexicon.load()), model.neutralBand());
            case SIMULATED -> new SimulatedModel(model.simulated().latency(), model.simulated().failWhenContains(),
                    model.simulated().hangWhenContains(), model.neutralBand());
        };
    }
}
