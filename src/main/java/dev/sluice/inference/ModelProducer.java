package dev.sluice.inference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.sluice.config.SluiceConfig;
import dev.sluice.inference.hybrid.AfinnLexicon;
import dev.sluice.inference.hybrid.HybridFeatures;
import dev.sluice.inference.hybrid.HybridModel;
import dev.sluice.inference.lexicon.LexiconModel;
import dev.sluice.inference.lexicon.VaderAnalyzer;
import dev.sluice.inference.lexicon.VaderLexicon;
import dev.sluice.inference.onnx.OnnxModelLoader;
import dev.sluice.inference.simulated.SimulatedModel;

/** Builds the model that {@code sluice.model.kind} names. */
@ApplicationScoped
public class ModelProducer {

    private static final Logger LOG = Logger.getLogger(ModelProducer.class);

    @Produces
    @Singleton // No client proxy: predict() is called once per micro-batch on the hot path.
    SentimentModel model(SluiceConfig config, ModelStatus status, Instance<OnnxModelLoader> onnx) {
        SluiceConfig.Model model = config.model();
        SentimentModel built = switch (model.kind()) {
            case HYBRID -> HybridModel.loadDefault(new HybridFeatures(new VaderAnalyzer(VaderLexicon.load()), AfinnLexicon.load()),
                    model.neutralBand());
            case ONNX -> {
                if (!onnx.isResolvable()) {
                    throw new IllegalStateException("sluice.model.kind=onnx is not available in the native executable: ONNX Runtime's "
                            + "JNI library is not registered for native-image. Run the JVM image (src/main/docker/Dockerfile.jvm) for this kind.");
                }
                yield onnx.get().load(model);
            }
            case LEXICON -> new LexiconModel(new VaderAnalyzer(VaderLexicon.load()), model.neutralBand());
            case SIMULATED -> new SimulatedModel(model.simulated().latency(), model.simulated().latencyJitter(),
                    model.simulated().failWhenContains(),
                    model.simulated().hangWhenContains(), model.neutralBand());
        };
        built.warmUp();
        status.loaded(built);
        LOG.infof("model %s loaded and warmed up", built.id());
        return built;
    }
}
