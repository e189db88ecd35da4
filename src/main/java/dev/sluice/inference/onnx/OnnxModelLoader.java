package dev.sluice.inference.onnx;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;

import dev.sluice.config.SluiceConfig;
import dev.sluice.inference.EvaluationFigures;
import dev.sluice.inference.SentimentModel;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * Loads {@code sluice.model.kind=onnx}: the user's model directory, or the bundled MiniLM
 * classifier. Left out of native builds: ONNX Runtime's JNI library is not registered for
 * native-image, so there the kind fails start-up with a clear message instead.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.native.enabled", stringValue = "false", enableIfMissing = true)
public class OnnxModelLoader {

    /** The bundled classifier: the encoder and tokenizer from the LangChain4j model jar, sluice's own head. */
    public static final Map<String, String> BUNDLED = Map.of(
            ModelFiles.MODEL, "all-minilm-l6-v2-q.onnx",
            ModelFiles.TOKENIZER, "all-minilm-l6-v2-q-tokenizer.json",
            ModelFiles.DESCRIPTOR, "sluice/model/minilm/sluice-model.json",
            "head.json", "sluice/model/minilm/head.json");
    public static final String BUNDLED_EVALUATION = "sluice/model/minilm/evaluation.properties";

    public SentimentModel load(SluiceConfig.Model model) {
        SluiceConfig.Model.Onnx onnx = model.onnx();
        OnnxSentimentModel.Options options = new OnnxSentimentModel.Options(onnx.maxLength(), onnx.intraOpThreads(),
                switch (onnx.optimizationLevel()) {
                    case NONE -> OptLevel.NO_OPT;
                    case BASIC -> OptLevel.BASIC_OPT;
                    case EXTENDED -> OptLevel.EXTENDED_OPT;
                    case ALL -> OptLevel.ALL_OPT;
                }, model.neutralBand());
        if (onnx.path().isPresent()) {
            return OnnxSentimentModel.load(ModelFiles.directory(onnx.path().get()), options, Map.of());
        }
        return OnnxSentimentModel.load(ModelFiles.classPath(BUNDLED), options, EvaluationFigures.read(BUNDLED_EVALUATION));
    }
}
