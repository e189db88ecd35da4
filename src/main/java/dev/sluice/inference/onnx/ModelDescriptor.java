package dev.sluice.inference.onnx;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.record.Label;

/**
 * What a model directory's {@code sluice-model.json} says: the model's name and version, whether
 * it is a sequence classifier (its outputs are logits over {@code labels}) or a sentence encoder
 * (its token states are pooled and fed to a linear head over {@code labels}), and for an encoder
 * the pooling and the head's file. {@code score-texts-alone} runs each text of a batch on its own:
 * a dynamically quantized model shares one activation scale across a batch, so without it a text's
 * score would depend on its batch mates. Every problem is reported with the file and the field.
 */
public record ModelDescriptor(String name, String version, Type type, List<Label> labels, boolean scoreTextsAlone, Pooling pooling,
        boolean normalize, String head) {

    public enum Type {
        SEQUENCE_CLASSIFIER, SENTENCE_ENCODER
    }

    public enum Pooling {
        MEAN, CLS
    }

    public static ModelDescriptor read(ModelFiles files) {
        String where = files.describe(ModelFiles.DESCRIPTOR);
        JsonNode root = files.json(ModelFiles.DESCRIPTOR);
        if (root == null || !root.isObject()) {
            throw new InvalidModelException(where + ": must be a JSON object");
        }
        String name = text(root, "name", where);
        String version = text(root, "version", where);
        Type type = switch (text(root, "type", where)) {
            case "sequence-classifier" -> Type.SEQUENCE_CLASSIFIER;
            case "sentence-encoder" -> Type.SENTENCE_ENCODER;
            default -> throw new InvalidModelException(
                    where + ": \"type\" must be \"sequence-classifier\" or \"sentence-encoder\", got \"" + root.get("type").asText()
                            + "\"");
        };
        List<Label> labels = labels(root, where);
        JsonNode alone = root.path("score-texts-alone");
        if (!alone.isMissingNode() && !alone.isBoolean()) {
            throw new InvalidModelException(where + ": \"score-texts-alone\" must be true or false");
        }
        boolean scoreTextsAlone = alone.asBoolean(false);
        if (type == Type.SEQUENCE_CLASSIFIER) {
            return new ModelDescriptor(name, version, type, labels, scoreTextsAlone, null, false, null);
        }
        Pooling pooling = switch (root.path("pooling").asText("mean")) {
            case "mean" -> Pooling.MEAN;
            case "cls" -> Pooling.CLS;
            default -> throw new InvalidModelException(
                    where + ": \"pooling\" must be \"mean\" or \"cls\", got \"" + root.get("pooling").asText() + "\"");
        };
        return new ModelDescriptor(name, version, type, labels, scoreTextsAlone, pooling, root.path("normalize").asBoolean(true),
                text(root, "head", where));
    }

    private static String text(JsonNode root, String field, String where) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new InvalidModelException(where + ": \"" + field + "\" must be a non-empty string");
        }
        return node.asText();
    }

    /** The label of each model output, in output order: each one positive, negative or neutral. */
    private static List<Label> labels(JsonNode root, String where) {
        JsonNode node = root.get("labels");
        if (node == null || !node.isArray() || node.size() < 2) {
            throw new InvalidModelException(
                    where + ": \"labels\" must list at least two of positive, negative, neutral, one per model output in output order");
        }
        List<Label> labels = new ArrayList<>();
        for (JsonNode label : node) {
            labels.add(switch (label.asText().toLowerCase(java.util.Locale.ROOT)) {
                case "positive" -> Label.POSITIVE;
                case "negative" -> Label.NEGATIVE;
                case "neutral" -> Label.NEUTRAL;
                default -> throw new InvalidModelException(
                        where + ": \"labels\" entries must be positive, negative or neutral, got \"" + label.asText() + "\"");
            });
        }
        if (!labels.contains(Label.POSITIVE) || !labels.contains(Label.NEGATIVE)) {
            throw new InvalidModelException(where + ": \"labels\" must map at least one output to positive and one to negative");
        }
        return List.copyOf(labels);
    }
}
