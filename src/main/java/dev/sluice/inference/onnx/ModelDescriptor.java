package dev.sluice.inference.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.record.Label;
import dev.sluice.support.Checksums;

/**
 * What a model directory says about its model: the name and version, whether it is a sequence
 * classifier (its outputs are logits over {@code labels}) or a sentence encoder (its token states
 * are pooled and fed to a linear head over {@code labels}), and for an encoder the pooling and the
 * head's file. Read from {@code sluice-model.json} when the directory has one, otherwise from an
 * Optimum export's {@code config.json}. {@code score-texts-alone} runs each text of a batch on its
 * own: a dynamically quantized model shares one activation scale across a batch, so without it a
 * text's score would depend on its batch mates. {@code lexicon-features} gives an encoder's head
 * sluice's lexicon features after the embedding; {@code hybrid-share} blends the bundled
 * {@code hybrid} model's logits into the model's, that share of them (docs/MODEL.md). Every problem
 * is reported with the file and field.
 */
public record ModelDescriptor(String name, String version, Type type, List<Label> labels, boolean scoreTextsAlone, Pooling pooling,
        boolean normalize, String head, boolean lexiconFeatures, double hybridShare) {

    private static final String LABELS_KNOB = "sluice.model.onnx.labels";

    public enum Type {
        SEQUENCE_CLASSIFIER, SENTENCE_ENCODER
    }

    public enum Pooling {
        MEAN, CLS
    }

    /**
     * The descriptor of a model directory: its {@code sluice-model.json}, or else its Optimum
     * {@code config.json}, whose labels {@code labelMapping} (one per output, in id order) may
     * override. {@code model} gives the ONNX file's content: an Optimum export's version is its hash.
     */
    public static ModelDescriptor read(ModelFiles files, List<String> labelMapping, Supplier<byte[]> model) {
        if (files.has(ModelFiles.DESCRIPTOR)) {
            return read(files);
        }
        if (files.has(ModelFiles.OPTIMUM_CONFIG)) {
            return optimumExport(files, labelMapping, model);
        }
        throw new InvalidModelException(files.describe(ModelFiles.DESCRIPTOR) + ": no such file, and no " + ModelFiles.OPTIMUM_CONFIG
                + " beside it either. A model directory holds an Optimum export of a sequence classifier (model.onnx, config.json "
                + "with id2label, tokenizer.json) or an encoder with a head described by sluice-model.json (docs/MODEL.md)");
    }

    /** A directory's {@code sluice-model.json}. */
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
        JsonNode labelNode = root.get("labels");
        if (labelNode == null || !labelNode.isArray() || labelNode.size() < 2) {
            throw new InvalidModelException(
                    where + ": \"labels\" must list at least two of positive, negative, neutral, one per model output in output order");
        }
        List<String> names = new ArrayList<>();
        labelNode.forEach(label -> names.add(label.asText()));
        List<Label> labels = labels(names, where + ": \"labels\"", "");
        JsonNode alone = root.path("score-texts-alone");
        if (!alone.isMissingNode() && !alone.isBoolean()) {
            throw new InvalidModelException(where + ": \"score-texts-alone\" must be true or false");
        }
        boolean scoreTextsAlone = alone.asBoolean(false);
        JsonNode lexicon = root.path("lexicon-features");
        if (!lexicon.isMissingNode() && !lexicon.isBoolean()) {
            throw new InvalidModelException(where + ": \"lexicon-features\" must be true or false");
        }
        double hybridShare = hybridShare(root.path("hybrid-share"), labels, where);
        if (type == Type.SEQUENCE_CLASSIFIER) {
            if (lexicon.asBoolean(false)) {
                throw new InvalidModelException(where + ": \"lexicon-features\" is for a sentence encoder's head; a sequence "
                        + "classifier's logits come from the model alone");
            }
            return new ModelDescriptor(name, version, type, labels, scoreTextsAlone, null, false, null, false, hybridShare);
        }
        Pooling pooling = switch (root.path("pooling").asText("mean")) {
            case "mean" -> Pooling.MEAN;
            case "cls" -> Pooling.CLS;
            default -> throw new InvalidModelException(
                    where + ": \"pooling\" must be \"mean\" or \"cls\", got \"" + root.get("pooling").asText() + "\"");
        };
        return new ModelDescriptor(name, version, type, labels, scoreTextsAlone, pooling, root.path("normalize").asBoolean(true),
                text(root, "head", where), lexicon.asBoolean(false), hybridShare);
    }

    /** The share of the logits that comes from the hybrid model: 0 when absent; it needs the hybrid model's three classes. */
    private static double hybridShare(JsonNode share, List<Label> labels, String where) {
        if (share.isMissingNode()) {
            return 0;
        }
        if (!share.isNumber() || share.asDouble() < 0 || share.asDouble() > 1) {
            throw new InvalidModelException(where + ": \"hybrid-share\" must be a number from 0 to 1, got " + share);
        }
        if (labels.size() != Label.values().length || !labels.containsAll(List.of(Label.values()))) {
            throw new InvalidModelException(where + ": \"hybrid-share\" blends in the hybrid model's negative, positive and neutral "
                    + "logits, so \"labels\" must list each of them once, got " + labels.stream().map(Label::json).toList());
        }
        return share.asDouble();
    }

    /**
     * An Optimum export of a sequence classifier: labels from {@code id2label} in id order (or from
     * the mapping knob), the name from {@code _name_or_path}, the version from the model's SHA-256.
     */
    private static ModelDescriptor optimumExport(ModelFiles files, List<String> labelMapping, Supplier<byte[]> model) {
        String where = files.describe(ModelFiles.OPTIMUM_CONFIG);
        JsonNode root = files.json(ModelFiles.OPTIMUM_CONFIG);
        if (root == null || !root.isObject()) {
            throw new InvalidModelException(where + ": must be a JSON object");
        }
        List<String> names = id2label(root.get("id2label"), where);
        List<Label> labels;
        if (labelMapping.isEmpty()) {
            if (names.isEmpty()) {
                throw new InvalidModelException(where + ": has no \"id2label\"; set " + LABELS_KNOB
                        + " to one of positive, negative, neutral per model output in id order");
            }
            labels = labels(names, where + ": id2label", " Set " + LABELS_KNOB + " to one of positive, negative, neutral per output in "
                    + "id order, e.g. negative,neutral,positive (a 1-5 star model: negative,negative,neutral,positive,positive).");
        } else {
            if (!names.isEmpty() && labelMapping.size() != names.size()) {
                throw new InvalidModelException(LABELS_KNOB + " lists " + labelMapping.size() + " labels " + labelMapping + " but "
                        + where + " has " + names.size() + " in id2label " + names);
            }
            labels = labels(labelMapping, LABELS_KNOB, "");
        }
        String name = root.path("_name_or_path").asText("").replaceAll(".*[/\\\\]", "").trim();
        if (name.isEmpty()) {
            name = root.path("model_type").asText("onnx-classifier");
        }
        return new ModelDescriptor(name, Checksums.sha256(model.get()).substring(0, 10), Type.SEQUENCE_CLASSIFIER, labels, false, null,
                false, null, false, 0);
    }

    /** {@code id2label}'s names in id order: ids must be 0..n-1, each once. */
    private static List<String> id2label(JsonNode id2label, String where) {
        if (id2label == null || id2label.isNull()) {
            return List.of();
        }
        if (!id2label.isObject()) {
            throw new InvalidModelException(where + ": \"id2label\" must be an object of ids to label names");
        }
        String[] names = new String[id2label.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = id2label.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            int id;
            try {
                id = Integer.parseInt(entry.getKey().trim());
            } catch (NumberFormatException e) {
                id = -1;
            }
            if (id < 0 || id >= names.length || names[id] != null) {
                throw new InvalidModelException(where + ": \"id2label\" ids must be 0 to " + (names.length - 1) + ", each once; got \""
                        + entry.getKey() + "\"");
            }
            names[id] = entry.getValue().asText();
        }
        return Arrays.asList(names);
    }

    private static String text(JsonNode root, String field, String where) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new InvalidModelException(where + ": \"" + field + "\" must be a non-empty string");
        }
        return node.asText();
    }

    /** Each name as positive, negative or neutral (any case), with at least one positive and one negative. */
    private static List<Label> labels(List<String> names, String where, String hint) {
        List<Label> labels = new ArrayList<>(names.size());
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "positive" -> labels.add(Label.POSITIVE);
                case "negative" -> labels.add(Label.NEGATIVE);
                case "neutral" -> labels.add(Label.NEUTRAL);
                default -> unknown.add("\"" + name + "\"");
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidModelException(
                    where + " entries must be positive, negative or neutral, got " + String.join(", ", unknown) + " (any case is fine)."
                            + hint);
        }
        if (labels.size() < 2 || !labels.contains(Label.POSITIVE) || !labels.contains(Label.NEGATIVE)) {
            throw new InvalidModelException(where + " must map at least one output to positive and one to negative, got " + names);
        }
        return List.copyOf(labels);
    }
}
