package dev.sluice.inference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ImageMode;

import dev.sluice.config.SluiceConfig;
import dev.sluice.inference.hybrid.HybridFeatures;
import dev.sluice.inference.hybrid.HybridModel;
import dev.sluice.inference.lexicon.LexiconModel;
import dev.sluice.inference.lexicon.VaderAnalyzer;
import dev.sluice.inference.onnx.OnnxModelLoader;
import dev.sluice.inference.simulated.SimulatedModel;

/** Builds the model that {@code sluice.model.kind} names. */
@ApplicationScoped
public class ModelProducer {

    private static final Logger LOG = Logger.getLogger(ModelProducer.class);

    @Produces
    @Singleton // No client proxy: predict() is called once per micro-batch on the hot path.
    SentimentModel model(SluiceConfig config, ModelStatus status, OnnxModelLoader onnx) {
        SluiceConfig.Model model = config.model();
        checkNeutralBias(model.neutralBias());
        SentimentModel built = switch (model.kind()) {
            case HYBRID -> new HybridModel(HybridFeatures.bundled(),
                    BundledModelData.HYBRID_WEIGHTS, model.neutralBand(), HybridModel.calibratedNeutralBias() + model.neutralBias());
            case ONNX -> onnx.load(model);
            case LEXICON -> new LexiconModel(new VaderAnalyzer(BundledModelData.VADER), model.neutralBand());
            case SIMULATED -> new SimulatedModel(model.simulated().latency(), model.simulated().latencyJitter(),
                    model.simulated().failWhenContains(),
                    model.simulated().hangWhenContains(), model.neutralBand());
        };
        // Warm-up pays for class loading and JIT compilation; the native executable has neither to pay for.
        if (ImageMode.current() != ImageMode.NATIVE_RUN) {
            built.warmUp();
        }
        status.loaded(built);
        LOG.infof("model %s loaded and ready", built.id());
        return built;
    }

    /** NaN or a huge shift would not fail at start but would label every text alike, or fail every batch. */
    static void checkNeutralBias(double bias) {
        if (!(bias >= -10 && bias <= 10)) {
            throw new IllegalArgumentException("sluice.model.neutral-bias must be a number within [-10, 10] (0: the model's calibrated "
                    + "rule; each unit scales the neutral odds by e), got " + bias);
        }
    }
}
