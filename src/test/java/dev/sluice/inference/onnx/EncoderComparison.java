package dev.sluice.inference.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.sluice.inference.EvaluationFigures;
import dev.sluice.inference.LabelledTexts;
import dev.sluice.inference.LabelledTexts.Example;
import dev.sluice.inference.ModelEvaluation;
import dev.sluice.inference.ModelEvaluation.Calibration;
import dev.sluice.inference.ModelEvaluation.TradeoffPoint;
import dev.sluice.record.Label;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * Compares the small int8 sentence encoders published as Maven artifacts under the bundled one's
 * training, calibration and rule (docs/MODEL.md): each gets a head trained the same way, the same
 * leave-one-domain-out figures, and its rate scoring texts alone as served.
 * <p>
 * {@code ./mvnw -B test-compile exec:exec@compare-encoders -Ptrain-model} prints one line per encoder
 * and writes each candidate's trade-off curve beside the bundled one's in {@code docs/model}; with
 * {@code -Dcompare.args=speed} it only measures the rates, one encoder loaded at a time, and the fp32
 * exports' at group sizes 64, 16, 8, 4 and 1 ({@code sluice.model.onnx.group-size}).
 */
public final class EncoderComparison {

    /** The encoders compared in full: head, figures, rule and rate. */
    static final Map<String, Map<String, String>> ENCODERS = new LinkedHashMap<>();
    /** fp32 exports, for their rate batched and for batch independence only. */
    static final Map<String, Map<String, String>> FP32_EXPORTS = new LinkedHashMap<>();

    static {
        ENCODERS.put("minilm",
                Map.of(ModelFiles.MODEL, "all-minilm-l6-v2-q.onnx", ModelFiles.TOKENIZER, "all-minilm-l6-v2-q-tokenizer.json",
                        ModelFiles.DESCRIPTOR, "sluice/candidates/minilm/sluice-model.json"));
        ENCODERS.put("bge-small", OnnxModelLoader.BUNDLED);
        ENCODERS.put("e5-small", Map.of(ModelFiles.MODEL, "e5-small-v2-q.onnx", ModelFiles.TOKENIZER, "e5-small-v2-q-tokenizer.json",
                ModelFiles.DESCRIPTOR, "sluice/candidates/e5-small/sluice-model.json"));
        FP32_EXPORTS.put("minilm-fp32",
                Map.of(ModelFiles.MODEL, "all-minilm-l6-v2.onnx", ModelFiles.TOKENIZER, "all-minilm-l6-v2-tokenizer.json",
                        ModelFiles.DESCRIPTOR, "sluice/candidates/minilm-fp32/sluice-model.json"));
        FP32_EXPORTS.put("bge-small-fp32",
                Map.of(ModelFiles.MODEL, "bge-small-en-v1.5.onnx", ModelFiles.TOKENIZER, "bge-small-en-v1.5-tokenizer.json",
                        ModelFiles.DESCRIPTOR, "sluice/candidates/bge-small-fp32/sluice-model.json"));
    }

    private EncoderComparison() {
    }

    public static void main(String[] args) throws IOException {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs/model");
        if (args.length > 1 && args[1].equals("speed")) {
            for (Map.Entry<String, Map<String, String>> candidate : ENCODERS.entrySet()) {
                System.out.printf(Locale.ROOT, "%s\t%.0f texts/s%n", candidate.getKey(),
                        textsPerSecond(candidate.getValue(), placeholderHead(candidate.getValue()), OnnxSentimentModel.DEFAULT_GROUP_SIZE));
            }
            // Exports that batch, at group sizes: 64 is each micro-batch of 64 in one call, padded to its longest text.
            for (int round = 0; round < 2; round++) {
                for (Map.Entry<String, Map<String, String>> export : FP32_EXPORTS.entrySet()) {
                    for (int groupSize : new int[]{64, 16, 8, 4, 1}) {
                        System.out.printf(Locale.ROOT, "%s\tgroup size %d\t%.0f texts/s%n", export.getKey(), groupSize,
                                textsPerSecond(export.getValue(), placeholderHead(export.getValue()), groupSize));
                    }
                }
            }
            return;
        }
        if (args.length > 1 && args[1].equals("batching")) {
            batching();
            return;
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> candidate : ENCODERS.entrySet()) {
            long start = System.nanoTime();
            LinearHead head;
            Calibration calibration;
            try (OnnxSentimentModel encoder = EncoderHeadTrainer.encoder(candidate.getValue())) {
                EncoderHeadTrainer trainer = new EncoderHeadTrainer(encoder);
                head = trainer.train(LabelledTexts.training(LabelledTexts.DOMAINS));
                calibration = trainer.calibration(head);
            }
            if (!candidate.getValue().equals(OnnxModelLoader.BUNDLED)) {
                Files.writeString(docs.resolve(candidate.getKey() + "-neutral-tradeoff.tsv"), calibration.curveTsv(),
                        StandardCharsets.UTF_8);
            }
            // Measured with the trainer's session closed: two sessions' thread pools on 2 cores slow each other down.
            double rate = textsPerSecond(candidate.getValue(), head, OnnxSentimentModel.DEFAULT_GROUP_SIZE);
            TradeoffPoint shipped = calibration.curve().stream().filter(p -> p.bias() == calibration.neutralBias()).findFirst()
                    .orElseThrow();
            Map<String, Object> f = calibration.figures();
            String line = String.format(Locale.ROOT,
                    "%s\tbias %.1f\tmean strict %.4f\tmean macro %.4f\tat bias: polar strict %.4f, neutral recall %.4f, macro %.4f\t"
                            + "neutral set %.4f\t%.0f texts/s\t(%.0f s)",
                    candidate.getKey(), calibration.neutralBias(), f.get("leave-one-out.mean.strict-accuracy"),
                    f.get("leave-one-out.mean.macro-recall"), shipped.polarStrictAccuracy(), shipped.neutralRecall(), shipped.macroRecall(),
                    f.get("neutral-set.labelled-neutral"), rate, (System.nanoTime() - start) / 1e9);
            System.out.println(line);
            System.out.print(calibration.properties(candidate.getKey(), "as the bundled head"));
            lines.add(line);
        }
        System.out.println(String.join("\n", lines));
    }

    /**
     * Whether a text's label depends on its batch mates: the bundled head (at its calibrated bias) on
     * each text's embedding computed alone and within batches of 64, for the int8 encoder and the
     * fp32 export of the same model.
     */
    private static void batching() {
        LinearHead head = LinearHead.read(ModelFiles.classPath(OnnxModelLoader.BUNDLED), "head.json", 3);
        double bias = EvaluationFigures.neutralBias(EvaluationFigures.read(OnnxModelLoader.BUNDLED_EVALUATION));
        List<String> texts = new ArrayList<>();
        List.of("yelp", "imdb").forEach(d -> LabelledTexts.evaluation(d).forEach(e -> texts.add(e.text())));
        Map<String, String> int8 = new java.util.HashMap<>(OnnxModelLoader.BUNDLED);
        int8.put(ModelFiles.DESCRIPTOR, "sluice/candidates/bge-small-batched/sluice-model.json");
        for (Map.Entry<String, Map<String, String>> variant : Map
                .of("bge-small int8", int8, "bge-small fp32", FP32_EXPORTS.get("bge-small-fp32")).entrySet()) {
            try (OnnxSentimentModel encoder = EncoderHeadTrainer.encoder(variant.getValue())) {
                int changed = 0;
                double maxDelta = 0;
                for (int i = 0; i < texts.size(); i += 64) {
                    List<String> batch = texts.subList(i, Math.min(texts.size(), i + 64));
                    List<float[]> together = encoder.headInputs(batch);
                    for (int k = 0; k < batch.size(); k++) {
                        float[] alone = encoder.headInputs(List.of(batch.get(k))).get(0);
                        for (int d = 0; d < alone.length; d++) {
                            maxDelta = Math.max(maxDelta, Math.abs(alone[d] - together.get(k)[d]));
                        }
                        changed += label(encoder, head, alone, bias) == label(encoder, head, together.get(k), bias) ? 0 : 1;
                    }
                }
                System.out.printf(Locale.ROOT,
                        "%s: %d of %d labels change between alone and batches of 64; largest embedding difference %.2e%n",
                        variant.getKey(), changed, texts.size(), maxDelta);
            }
        }
    }

    private static Label label(OnnxSentimentModel encoder, LinearHead head, float[] embedding, double bias) {
        double[] p = encoder.probabilities(head, embedding);
        return ModelEvaluation.decide(new double[][]{p}, bias).get(0).label();
    }

    /** A head of zeros as wide as the encoder's descriptor needs: for rates, which do not depend on the head's values. */
    private static LinearHead placeholderHead(Map<String, String> resources) {
        return EncoderHeadTrainer.placeholderHead(ModelDescriptor.read(ModelFiles.classPath(resources)));
    }

    /**
     * Texts per second scoring the 1,000 yelp sentences (of mixed length) in micro-batches of 64 with
     * a head, as {@code kind=onnx} serves them, both cores: texts alone when the descriptor says so,
     * otherwise in groups of similar length.
     */
    private static double textsPerSecond(Map<String, String> resources, LinearHead head, int groupSize) {
        ModelFiles files = ModelFiles.classPath(resources);
        List<String> texts = LabelledTexts.evaluation("yelp").stream().map(Example::text).toList();
        try (OnnxSentimentModel model = OnnxSentimentModel.load(files, ModelDescriptor.read(files), head,
                new OnnxSentimentModel.Options(256, 0, OptLevel.ALL_OPT, ModelEvaluation.BAND, 0, List.of(), groupSize), Map.of())) {
            // ONNX Runtime pays for each new input shape once; a running service has seen them all.
            for (int i = 0; i < texts.size(); i += 64) {
                model.predict(texts.subList(i, Math.min(texts.size(), i + 64)));
            }
            long start = System.nanoTime();
            for (int i = 0; i < texts.size(); i += 64) {
                model.predict(texts.subList(i, Math.min(texts.size(), i + 64)));
            }
            return texts.size() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
