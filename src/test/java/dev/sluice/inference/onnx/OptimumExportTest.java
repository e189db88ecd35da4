package dev.sluice.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.record.Label;
import dev.sluice.record.Sentiment;
import dev.sluice.support.Checksums;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * A Hugging Face Optimum export of a sequence classifier runs with only its directory: labels from
 * {@code config.json}'s {@code id2label}, the mapping knob for generic or star labels, optional
 * {@code token_type_ids}, and the tokenizer's own truncation. The graphs are written in Optimum's
 * layout by {@link TinyOnnxClassifier}; the tokenizer is the bundled encoder's BERT tokenizer.
 */
class OptimumExportTest {

    private static final OnnxSentimentModel.Options OPTIONS = new OnnxSentimentModel.Options(256, 1, OptLevel.ALL_OPT, 0.05);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anOptimumExportRunsWithOnlyItsDirectory() throws IOException {
        byte[] model = export(true, "{\"0\": \"NEGATIVE\", \"1\": \"POSITIVE\"}", 0f, 3f);
        try (OnnxSentimentModel loaded = load(OPTIONS)) {
            Sentiment out = loaded.predict(List.of("a product review")).get(0);
            double positive = Math.exp(3) / (1 + Math.exp(3));
            assertThat(out.label()).isEqualTo(Label.POSITIVE);
            assertThat(out.score()).isCloseTo(positive - (1 - positive), within(1e-5));
            assertThat(loaded.id()).isEqualTo("sst-like-distilbert@" + Checksums.sha256(model).substring(0, 10));
        }
    }

    @Test
    void threeLabelsInAnyCaseMapByTheirIdsNotTheirOrderInTheFile() throws IOException {
        export(true, "{\"2\": \"Positive\", \"0\": \"negative\", \"1\": \"NEUTRAL\"}", 0f, 5f, 0f);
        try (OnnxSentimentModel loaded = load(OPTIONS)) {
            assertThat(loaded.predict(List.of("the meeting is at noon")).get(0).label()).isEqualTo(Label.NEUTRAL);
        }
    }

    @Test
    void aModelWithoutTokenTypeIdsRuns() throws IOException {
        export(false, "{\"0\": \"negative\", \"1\": \"positive\"}", 4f, 0f);
        try (OnnxSentimentModel loaded = load(OPTIONS)) {
            assertThat(loaded.predict(List.of("dreadful", "awful")).stream().map(Sentiment::label)).containsOnly(Label.NEGATIVE);
        }
    }

    @Test
    void genericLabelNamesAreRefusedWithTheKnobThatMapsThem() throws IOException {
        export(true, "{\"0\": \"LABEL_0\", \"1\": \"LABEL_1\", \"2\": \"LABEL_2\"}", 0f, 0f, 4f);
        assertThatThrownBy(() -> load(OPTIONS)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining(dir.resolve("config.json") + ": id2label entries must be positive, negative or neutral")
                .hasMessageContaining("\"LABEL_0\", \"LABEL_1\", \"LABEL_2\"").hasMessageContaining("sluice.model.onnx.labels");
    }

    @Test
    void theKnobMapsGenericLabelsInIdOrder() throws IOException {
        export(true, "{\"0\": \"LABEL_0\", \"1\": \"LABEL_1\", \"2\": \"LABEL_2\"}", 0f, 0f, 4f);
        try (OnnxSentimentModel loaded = load(withLabels("negative", "neutral", "positive"))) {
            assertThat(loaded.predict(List.of("love it")).get(0).label()).isEqualTo(Label.POSITIVE);
        }
    }

    @Test
    void aFiveStarModelSumsTheStarsThatShareALabel() throws IOException {
        export(true, "{\"0\": \"1 star\", \"1\": \"2 stars\", \"2\": \"3 stars\", \"3\": \"4 stars\", \"4\": \"5 stars\"}", 2f, 2f, 0f, 0f,
                0f);
        try (OnnxSentimentModel loaded = load(withLabels("negative", "negative", "neutral", "positive", "positive"))) {
            Sentiment out = loaded.predict(List.of("never again")).get(0);
            double sum = 2 * Math.exp(2) + 3;
            assertThat(out.label()).isEqualTo(Label.NEGATIVE);
            assertThat(out.score()).isCloseTo(2 / sum - 2 * Math.exp(2) / sum, within(1e-5));
        }
    }

    @Test
    void aKnobWithAnotherNumberOfLabelsThanId2LabelIsNamed() throws IOException {
        export(true, "{\"0\": \"LABEL_0\", \"1\": \"LABEL_1\"}", 0f, 1f);
        assertThatThrownBy(() -> load(withLabels("negative", "neutral", "positive")))
                .hasMessageContaining("sluice.model.onnx.labels lists 3 labels [negative, neutral, positive] but")
                .hasMessageContaining("has 2 in id2label [LABEL_0, LABEL_1]");
    }

    @Test
    void moreLabelsThanTheModelHasLogitsFailsStartUp() throws IOException {
        export(true, "{\"0\": \"negative\", \"1\": \"neutral\", \"2\": \"positive\"}", 0f, 1f);
        assertThatThrownBy(() -> load(OPTIONS)).hasMessageContaining("a sequence classifier's first output must be [batch, 3] logits");
    }

    @Test
    void id2LabelWithAGapInItsIdsIsNamed() throws IOException {
        export(true, "{\"0\": \"negative\", \"2\": \"positive\"}", 0f, 1f);
        assertThatThrownBy(() -> load(OPTIONS)).hasMessageContaining("\"id2label\" ids must be 0 to 1, each once; got \"2\"");
    }

    @Test
    void aDirectoryWithNeitherDescriptorNorConfigSaysWhatItNeeds() {
        assertThatThrownBy(() -> load(OPTIONS)).hasMessageContaining("no such file, and no config.json beside it either")
                .hasMessageContaining("Optimum export of a sequence classifier");
    }

    @Test
    void aSluiceDescriptorBesideConfigJsonWins() throws IOException {
        export(true, "{\"0\": \"LABEL_0\", \"1\": \"LABEL_1\"}", 0f, 3f);
        Files.writeString(dir.resolve(ModelFiles.DESCRIPTOR),
                "{\"name\": \"mine\", \"version\": \"3\", \"type\": \"sequence-classifier\", \"labels\": [\"positive\", \"negative\"]}");
        try (OnnxSentimentModel loaded = load(OPTIONS)) {
            assertThat(loaded.id()).isEqualTo("mine@3");
            assertThat(loaded.predict(List.of("x")).get(0).label()).isEqualTo(Label.NEGATIVE);
        }
    }

    @Test
    void theTokenizerConfigsLimitCapsTheConfiguredLength() throws IOException {
        export(true, "{\"0\": \"negative\", \"1\": \"positive\"}", 0f, 1f);
        assertThat(OnnxSentimentModel.tokenLimit(ModelFiles.directory(dir), 256)).isEqualTo(256);
        Files.writeString(dir.resolve(ModelFiles.TOKENIZER_CONFIG), "{\"model_max_length\": 128}");
        assertThat(OnnxSentimentModel.tokenLimit(ModelFiles.directory(dir), 256)).isEqualTo(128);
        assertThat(OnnxSentimentModel.tokenLimit(ModelFiles.directory(dir), 64)).isEqualTo(64);
    }

    @Test
    void hugginFacesNoLimitMarkerIsNotALimit() throws IOException {
        export(true, "{\"0\": \"negative\", \"1\": \"positive\"}", 0f, 1f);
        Files.writeString(dir.resolve(ModelFiles.TOKENIZER_CONFIG), "{\"model_max_length\": 1000000000000000019884624838656}");
        assertThat(OnnxSentimentModel.tokenLimit(ModelFiles.directory(dir), 256)).isEqualTo(256);
    }

    @Test
    void theTokenizersOwnTruncationCapsTheConfiguredLength() throws IOException {
        export(true, "{\"0\": \"negative\", \"1\": \"positive\"}", 0f, 1f);
        ObjectNode tokenizer = (ObjectNode) JSON.readTree(dir.resolve(ModelFiles.TOKENIZER).toFile());
        tokenizer.set("truncation",
                JSON.readTree("{\"direction\": \"Right\", \"max_length\": 32, \"strategy\": \"LongestFirst\", \"stride\": 0}"));
        JSON.writeValue(dir.resolve(ModelFiles.TOKENIZER).toFile(), tokenizer);
        assertThat(OnnxSentimentModel.tokenLimit(ModelFiles.directory(dir), 256)).isEqualTo(32);
        try (OnnxSentimentModel loaded = load(OPTIONS)) {
            assertThat(loaded.predict(List.of("long ".repeat(500))).get(0).label()).isEqualTo(Label.POSITIVE);
        }
    }

    /** An export batches: grouped by length (here in threes), each text must still get its own score, in the batch's order. */
    @Test
    void aBatchOfTextsOfManyLengthsGetsEachTextsOwnScoreInItsOrder() throws IOException {
        export(TinyOnnxClassifier.maskedMeanExport(new float[]{0f, 2e-4f}, new float[]{0f, 1f}),
                "{\"0\": \"negative\", \"1\": \"positive\"}");
        try (OnnxSentimentModel loaded = load(new OnnxSentimentModel.Options(256, 1, OptLevel.ALL_OPT, 0.05, 0, List.of(), 3))) {
            List<String> texts = java.util.stream.IntStream.range(0, 10).mapToObj(i -> "word ".repeat((i * 3) % 10 + 1) + "review " + i)
                    .toList();
            List<Sentiment> grouped = loaded.predict(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(loaded.predict(List.of(texts.get(i)))).as(texts.get(i)).containsExactly(grouped.get(i));
            }
            assertThat(grouped).extracting(Sentiment::score).doesNotHaveDuplicates();
        }
    }

    /** Writes an export as Optimum lays it out; returns the model's bytes. */
    private byte[] export(boolean tokenTypeIds, String id2label, float... logits) throws IOException {
        return export(TinyOnnxClassifier.optimumExport(tokenTypeIds, logits), id2label);
    }

    private byte[] export(byte[] model, String id2label) throws IOException {
        Files.write(dir.resolve(ModelFiles.MODEL), model);
        Files.writeString(dir.resolve(ModelFiles.OPTIMUM_CONFIG), "{\"_name_or_path\": \"acme/sst-like-distilbert\", "
                + "\"architectures\": [\"DistilBertForSequenceClassification\"], \"model_type\": \"distilbert\", \"id2label\": " + id2label
                + ", \"transformers_version\": \"4.46.0\"}");
        // Optimum saves the tokenizer without truncation or padding; the bundled one truncates at 128.
        ObjectNode tokenizer = (ObjectNode) JSON.readTree(ModelFiles.classPath(OnnxModelLoader.BUNDLED).read(ModelFiles.TOKENIZER));
        tokenizer.putNull("truncation");
        tokenizer.putNull("padding");
        JSON.writeValue(dir.resolve(ModelFiles.TOKENIZER).toFile(), tokenizer);
        return model;
    }

    private OnnxSentimentModel load(OnnxSentimentModel.Options options) {
        return OnnxSentimentModel.load(ModelFiles.directory(dir), options, Map.of());
    }

    private static OnnxSentimentModel.Options withLabels(String... labels) {
        return new OnnxSentimentModel.Options(256, 1, OptLevel.ALL_OPT, 0.05, 0, List.of(labels));
    }
}
