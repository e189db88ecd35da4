package dev.sluice.inference.onnx;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sluice.config.SluiceConfig;
import dev.sluice.inference.EvaluationFigures;
import dev.sluice.inference.SentimentModel;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * Loads {@code sluice.model.kind=onnx}: the user's model directory, or the bundled bge-small
 * classifier, in the JVM and in the native executable ({@link OnnxNativeImageFeature}).
 */
@ApplicationScoped
public class OnnxModelLoader {

    /** The bundled classifier: the encoder and tokenizer from the LangChain4j model jar, sluice's own head. */
    public static final Map<String, String> BUNDLED = Map.of(
            ModelFiles.MODEL, "bge-small-en-v1.5-q.onnx",
            ModelFiles.TOKENIZER, "bge-small-en-v1.5-q-tokenizer.json",
            ModelFiles.DESCRIPTOR, "sluice/model/bge-small/sluice-model.json",
            "head.json", "sluice/model/bge-small/head.json");
    public static final String BUNDLED_EVALUATION = "sluice/model/bge-small/evaluation.properties";

    public SentimentModel load(SluiceConfig.Model model) {
        defaultDjlToTmpAndOffline();
        SluiceConfig.Model.Onnx onnx = model.onnx();
        // A user's model has no calibrated rule: the knob is the whole bias. The bundled one shifts from its own.
        Map<String, Object> figures = onnx.path().isPresent() ? Map.of() : EvaluationFigures.read(BUNDLED_EVALUATION);
        OnnxSentimentModel.Options options = new OnnxSentimentModel.Options(onnx.maxLength(), onnx.intraOpThreads(),
                switch (onnx.optimizationLevel()) {
                    case NONE -> OptLevel.NO_OPT;
                    case BASIC -> OptLevel.BASIC_OPT;
                    case EXTENDED -> OptLevel.EXTENDED_OPT;
                    case ALL -> OptLevel.ALL_OPT;
                }, model.neutralBand(), EvaluationFigures.neutralBias(figures) + model.neutralBias(), onnx.labels().orElse(List.of()),
                onnx.groupSize());
        ModelFiles files = onnx.path().isPresent() ? ModelFiles.directory(onnx.path().get()) : ModelFiles.classPath(BUNDLED);
        return OnnxSentimentModel.load(files, options, figures);
    }

    /**
     * The tokenizers' JNI library is copied out of its jar into DJL's cache, by default under the
     * home directory, which a container user may not have: default it to {@code java.io.tmpdir}
     * (the chart's writable emptyDir), and never let DJL download anything. ONNX Runtime extracts
     * its own libraries to {@code java.io.tmpdir} already. Set values (DJL_CACHE_DIR) win.
     */
    private static void defaultDjlToTmpAndOffline() {
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "djl").toString());
        }
        if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
