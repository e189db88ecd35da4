package dev.sluice.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.inference.EvaluationFigures;
import dev.sluice.inference.LabelledTexts;
import dev.sluice.inference.ModelEvaluation;
import dev.sluice.inference.hybrid.HybridFeatures;
import dev.sluice.inference.hybrid.HybridModel;
import dev.sluice.inference.hybrid.HybridWeights;
import dev.sluice.record.Label;
import dev.sluice.record.Sentiment;
import dev.sluice.testing.SluiceConfigs;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

class OnnxSentimentModelTest {

    private static final OnnxSentimentModel.Options OPTIONS = new OnnxSentimentModel.Options(256, 1, OptLevel.ALL_OPT, 0.05);
    private static OnnxSentimentModel bundled;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadBundled() {
        // As the loader ships it: with its calibrated neutral bias.
        Map<String, Object> figures = EvaluationFigures.read(OnnxModelLoader.BUNDLED_EVALUATION);
        bundled = OnnxSentimentModel.load(ModelFiles.classPath(OnnxModelLoader.BUNDLED),
                new OnnxSentimentModel.Options(256, 1, OptLevel.ALL_OPT, 0.05, EvaluationFigures.neutralBias(figures), List.of()), figures);
    }

    @AfterAll
    static void closeBundled() {
        bundled.close();
    }

    @Test
    void theBundledClassifierLabelsClearlyPositiveNegativeAndNeutralTexts() {
        List<Sentiment> out = bundled.predict(List.of("I absolutely love it, best purchase ever!",
                "Terrible. It broke after a day and support was useless.", "The meeting is at noon."));
        assertThat(out).extracting(Sentiment::label).containsExactly(Label.POSITIVE, Label.NEGATIVE, Label.NEUTRAL);
        assertThat(bundled.id()).isEqualTo("bge-small-sentiment@3");
    }

    @Test
    void mostPlainlyNeutralTextsAreLabelledNeutral() {
        assertThat(ModelEvaluation.neutralShare(bundled.predict(LabelledTexts.neutralSet()))).isGreaterThanOrEqualTo(0.7);
    }

    /** The bundled encoder is dynamically quantized, so it scores texts alone: batch mates must not move a score. */
    @Test
    void aTextScoresExactlyTheSameWhateverItsBatchMates() {
        List<String> texts = List.of("good", "This was a long and honestly rather disappointing evening at the theatre, sadly.", "",
                "not bad at all", "Order 5531 ships on Tuesday.");
        List<Sentiment> batched = bundled.predict(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(bundled.predict(List.of(texts.get(i)))).as(texts.get(i)).containsExactly(batched.get(i));
        }
    }

    @Test
    void textsOfSimilarLengthShareASessionCall() {
        List<int[]> groups = OnnxSentimentModel.groups(new int[]{9, 2, 7, 2, 30, 8, 3}, 3);
        assertThat(groups).containsExactly(new int[]{1, 3, 6}, new int[]{2, 5, 0}, new int[]{4});
    }

    @Test
    void aBatchThatFitsOneGroupGoesInItsOwnOrder() {
        assertThat(OnnxSentimentModel.groups(new int[]{5, 1, 3}, 16)).containsExactly(new int[]{0, 1, 2});
    }

    @Test
    void theDefaultGroupSizeIsTheConfiguredDefault() {
        assertThat(SluiceConfigs.config(Map.of()).getValue("sluice.model.onnx.group-size", Integer.class))
                .isEqualTo(OnnxSentimentModel.DEFAULT_GROUP_SIZE);
    }

    @Test
    void aGroupSizeBelowOneIsRefusedByItsPropertyName() {
        assertThatThrownBy(() -> new OnnxSentimentModel.Options(256, 1, OptLevel.ALL_OPT, 0.05, 0, List.of(), 0))
                .hasMessageContaining("sluice.model.onnx.group-size must be at least 1, got 0");
    }

    @Test
    void textsLongerThanTheMaxLengthAreCutNotRefused() {
        try (OnnxSentimentModel shortModel = OnnxSentimentModel.load(ModelFiles.classPath(OnnxModelLoader.BUNDLED),
                new OnnxSentimentModel.Options(8, 1, OptLevel.ALL_OPT, 0.05), Map.of())) {
            List<Sentiment> out = shortModel.predict(List.of("wonderful, " + "x ".repeat(100_000), "awful"));
            assertThat(out).hasSize(2).allSatisfy(s -> assertThat(s.score()).isBetween(-1.0, 1.0));
            assertThat(out.get(0).label()).isEqualTo(Label.POSITIVE);
        }
    }

    @Test
    void oddTextsNeverThrowAndScoreWithinBounds() {
        List<String> texts = List.of("", "   \t\n", "😀😀🎉", "これは素晴らしい製品です", "bad \uD83D and \uDE00 good", "\u0000\u0001");
        assertThat(bundled.predict(texts)).hasSize(texts.size()).allSatisfy(s -> assertThat(s.score()).isBetween(-1.0, 1.0));
        assertThat(bundled.predict(List.of())).isEmpty();
    }

    @Test
    void blankTextsAreNeutralAmongScoredOnes() {
        List<Sentiment> out = bundled.predict(List.of("", "I absolutely love it!", " \n", "Awful, just awful."));
        assertThat(out).extracting(Sentiment::label).containsExactly(Label.NEUTRAL, Label.POSITIVE, Label.NEUTRAL, Label.NEGATIVE);
        assertThat(out.get(0).score()).isZero();
    }

    @Test
    void aSequenceClassifiersLogitsMapToTheLabelsInOutputOrder() throws IOException {
        writeClassifier(3f, "[\"negative\", \"positive\"]");
        try (OnnxSentimentModel model = OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of())) {
            Sentiment out = model.predict(List.of("anything at all")).get(0);
            double positive = Math.exp(3) / (1 + Math.exp(3));
            assertThat(out.label()).isEqualTo(Label.POSITIVE);
            assertThat(out.score()).isCloseTo(positive - (1 - positive), within(1e-5));
            assertThat(model.id()).isEqualTo("tiny@7");
        }
        writeClassifier(3f, "[\"positive\", \"negative\"]");
        try (OnnxSentimentModel model = OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of())) {
            assertThat(model.predict(List.of("anything at all")).get(0).label()).isEqualTo(Label.NEGATIVE);
        }
    }

    @Test
    void aTwoLabelClassifierThatIsNearlyUndecidedSaysNeutral() throws IOException {
        writeClassifier(0.05f, "[\"negative\", \"positive\"]");
        try (OnnxSentimentModel model = OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of())) {
            assertThat(model.predict(List.of("hm")).get(0).label()).isEqualTo(Label.NEUTRAL);
        }
    }

    @Test
    void aPathThatIsNotADirectoryIsNamed() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> ModelFiles.directory(missing)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining(missing + " (sluice.model.onnx.path): not a directory");
    }

    @Test
    void aMissingDescriptorIsNamed() {
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of()))
                .hasMessageContaining(dir.resolve("sluice-model.json") + ": no such file");
    }

    @Test
    void malformedDescriptorJsonIsReportedWithItsLine() throws IOException {
        Files.writeString(dir.resolve("sluice-model.json"), "{\n  \"name\": \"x\",\n  oops\n}");
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of()))
                .hasMessageContaining("sluice-model.json: not valid JSON at line 3");
    }

    @Test
    void anUnknownModelTypeIsNamed() throws IOException {
        Files.writeString(dir.resolve("sluice-model.json"),
                "{\"name\":\"x\",\"version\":\"1\",\"type\":\"regressor\",\"labels\":[\"negative\",\"positive\"]}");
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of()))
                .hasMessageContaining("\"type\" must be \"sequence-classifier\" or \"sentence-encoder\", got \"regressor\"");
    }

    @Test
    void aLabelOutsidePositiveNegativeNeutralIsNamed() throws IOException {
        writeClassifier(1f, "[\"LABEL_0\", \"positive\"]");
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of()))
                .hasMessageContaining("\"labels\" entries must be positive, negative or neutral, got \"LABEL_0\"");
    }

    @Test
    void moreLabelsThanTheClassifierHasLogitsFailsStartUp() throws IOException {
        writeClassifier(1f, "[\"negative\", \"positive\", \"neutral\"]");
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of()))
                .hasMessageContaining("a sequence classifier's first output must be [batch, 3] logits");
    }

    @Test
    void aFileThatIsNotAnOnnxModelIsNamed() throws IOException {
        writeClassifier(1f, "[\"negative\", \"positive\"]");
        Files.writeString(dir.resolve("model.onnx"), "not a model");
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of()))
                .hasMessageContaining(dir.resolve("model.onnx") + ": ONNX Runtime cannot load it");
    }

    @Test
    void aTokenizerFileThatIsNotATokenizerIsNamed() throws IOException {
        writeClassifier(1f, "[\"negative\", \"positive\"]");
        Files.writeString(dir.resolve("tokenizer.json"), "{\"hello\": 1}");
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of()))
                .hasMessageContaining(dir.resolve("tokenizer.json") + ": not a Hugging Face tokenizer.json");
    }

    @Test
    void aHeadWhoseWidthIsNotTheEncodersFailsStartUp() throws IOException {
        copyBundled(ModelFiles.MODEL);
        copyBundled(ModelFiles.TOKENIZER);
        writeEncoderDescriptor("false");
        Files.writeString(dir.resolve("head.json"), "{\"weights\": [[1, 2], [3, 4], [5, 6]], \"bias\": [0, 0, 0]}");
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of()))
                .hasMessageContaining("a sentence encoder's first output must be [batch, tokens, 2] (the head's width)");
    }

    @Test
    void aHeadWithTheWrongNumberOfRowsIsNamed() throws IOException {
        copyBundled(ModelFiles.DESCRIPTOR);
        Files.writeString(dir.resolve("head.json"), "{\"weights\": [[1, 2], [3, 4]], \"bias\": [0, 0]}");
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of()))
                .hasMessageContaining("head.json: has 2 weight rows and 2 biases, but sluice-model.json lists 3 labels");
    }

    @Test
    void aHeadThatReadsLexiconFeaturesGetsThemAfterTheEmbedding() throws IOException {
        copyBundled(ModelFiles.MODEL);
        copyBundled(ModelFiles.TOKENIZER);
        writeEncoderDescriptor("true");
        // Zero on the embedding, VADER's compound (the first lexicon feature) for positive against negative.
        writeHead(384 + HybridFeatures.LEXICON_FEATURES, 384, 10f);
        try (OnnxSentimentModel model = OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of())) {
            List<Sentiment> out = model.predict(List.of("I love this, it is wonderful", "I hate this, it is awful"));
            assertThat(out).extracting(Sentiment::label).containsExactly(Label.POSITIVE, Label.NEGATIVE);
            assertThat(model.headInputs(List.of("I love this, it is wonderful")).get(0)).hasSize(384 + HybridFeatures.LEXICON_FEATURES);
        }
    }

    @Test
    void aHeadWithoutRoomForTheLexiconFeaturesFailsStartUp() throws IOException {
        copyBundled(ModelFiles.MODEL);
        copyBundled(ModelFiles.TOKENIZER);
        writeEncoderDescriptor("true");
        writeHead(384, 0, 0f);
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of())).hasMessageContaining(
                "a sentence encoder's first output must be [batch, tokens, 378] (the head's width less its 6 lexicon features)");
    }

    @Test
    void lexiconFeaturesOnASequenceClassifierAreRefused() throws IOException {
        writeClassifier(1f, "[\"negative\", \"positive\"]", ", \"lexicon-features\": true");
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of()))
                .hasMessageContaining("sluice-model.json: \"lexicon-features\" is for a sentence encoder's head");
    }

    @Test
    void aLexiconFeaturesFlagThatIsNotABooleanIsNamed() throws IOException {
        writeEncoderDescriptor("\"yes\"");
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of()))
                .hasMessageContaining("sluice-model.json: \"lexicon-features\" must be true or false");
    }

    @Test
    void aHybridShareOfOneScoresEveryTextAsTheHybridModelDoes() throws IOException {
        copyBundled(ModelFiles.MODEL);
        copyBundled(ModelFiles.TOKENIZER);
        writeEncoderDescriptor("false", ", \"hybrid-share\": 1");
        writeHead(384, 0, 0f);
        HybridModel hybrid = new HybridModel(HybridFeatures.bundled(), HybridWeights.load(), 0.05, 0);
        List<String> texts = List.of("I love this, it is wonderful", "I hate this, it is awful", "The meeting is at noon.",
                "not bad at all", "meh");
        try (OnnxSentimentModel model = OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of())) {
            assertThat(model.predict(texts)).isEqualTo(hybrid.predict(texts));
        }
    }

    @Test
    void aHybridShareBlendsTheHybridModelsLogitsWithTheHeadsLabelByLabel() throws IOException {
        copyBundled(ModelFiles.MODEL);
        copyBundled(ModelFiles.TOKENIZER);
        // The labels in another order than the hybrid model's rows (negative, positive, neutral): each must meet its own.
        Files.writeString(dir.resolve("sluice-model.json"), "{\"name\": \"blend\", \"version\": \"1\", \"type\": \"sentence-encoder\", "
                + "\"labels\": [\"positive\", \"neutral\", \"negative\"], \"pooling\": \"cls\", \"head\": \"head.json\", "
                + "\"lexicon-features\": true, \"hybrid-share\": 0.25}");
        // Zero on the embedding; +2 on VADER's compound for the first label (positive), -2 for the second (neutral).
        writeHead(384 + HybridFeatures.LEXICON_FEATURES, 384, -2f);
        String text = "not great, but the staff were lovely";
        float[] lexicon = new float[HybridFeatures.LEXICON_FEATURES];
        HybridFeatures.bundled().lexiconFeatures(text, lexicon, 0);
        double[] hybrid = new double[3];
        new HybridModel(HybridFeatures.bundled(), HybridWeights.load(), 0.05, 0).logits(text, hybrid);
        double positive = Math.exp(0.75 * 2 * lexicon[0] + 0.25 * hybrid[HybridModel.POSITIVE]);
        double neutral = Math.exp(0.75 * -2 * lexicon[0] + 0.25 * hybrid[HybridModel.NEUTRAL]);
        double negative = Math.exp(0.25 * hybrid[HybridModel.NEGATIVE]);
        try (OnnxSentimentModel model = OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of())) {
            assertThat(model.predict(List.of(text)).get(0).score())
                    .isCloseTo((positive - negative) / (positive + neutral + negative), within(2e-6));
        }
    }

    @Test
    void aSequenceClassifiersLogitsAreBlendedWithTheHybridModelsToo() throws IOException {
        Files.write(dir.resolve("model.onnx"), TinyOnnxClassifier.optimumExport(false, 2f, 0f, -1f));
        copyBundled(ModelFiles.TOKENIZER);
        Files.writeString(dir.resolve("sluice-model.json"), "{\"name\": \"tiny\", \"version\": \"7\", \"type\": \"sequence-classifier\", "
                + "\"labels\": [\"neutral\", \"positive\", \"negative\"], \"hybrid-share\": 0.5}");
        String text = "I love this, it is wonderful";
        double[] hybrid = new double[3];
        new HybridModel(HybridFeatures.bundled(), HybridWeights.load(), 0.05, 0).logits(text, hybrid);
        double neutral = Math.exp(0.5 * 2 + 0.5 * hybrid[HybridModel.NEUTRAL]);
        double positive = Math.exp(0.5 * hybrid[HybridModel.POSITIVE]);
        double negative = Math.exp(0.5 * -1 + 0.5 * hybrid[HybridModel.NEGATIVE]);
        try (OnnxSentimentModel model = OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of())) {
            assertThat(model.predict(List.of(text)).get(0).score())
                    .isCloseTo((positive - negative) / (positive + neutral + negative), within(2e-6));
        }
    }

    @Test
    void aHybridShareOutsideZeroToOneIsNamed() throws IOException {
        writeEncoderDescriptor("false", ", \"hybrid-share\": 1.5");
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of()))
                .hasMessageContaining("sluice-model.json: \"hybrid-share\" must be a number from 0 to 1, got 1.5");
    }

    @Test
    void aHybridShareNeedsEachOfTheHybridModelsThreeLabels() throws IOException {
        writeClassifier(1f, "[\"negative\", \"positive\"]", ", \"hybrid-share\": 0.3");
        assertThatThrownBy(() -> OnnxSentimentModel.load(ModelFiles.directory(dir), OPTIONS, Map.of()))
                .hasMessageContaining("\"labels\" must list each of them once, got [negative, positive]");
    }

    /** A bge-small-like encoder's descriptor whose {@code lexicon-features} is the JSON value given. */
    private void writeEncoderDescriptor(String lexiconFeatures) throws IOException {
        writeEncoderDescriptor(lexiconFeatures, "");
    }

    /** The same, with more fields ({@code ", \"name\": value"}). */
    private void writeEncoderDescriptor(String lexiconFeatures, String more) throws IOException {
        Files.writeString(dir.resolve("sluice-model.json"), "{\"name\": \"lexical\", \"version\": \"1\", \"type\": \"sentence-encoder\", "
                + "\"labels\": [\"negative\", \"positive\", \"neutral\"], \"pooling\": \"cls\", \"head\": \"head.json\", "
                + "\"lexicon-features\": " + lexiconFeatures + more + "}");
    }

    /** A head of {@code width} inputs, all zero but {@code -weight} (negative) and {@code +weight} (positive) on input {@code at}. */
    private void writeHead(int width, int at, float weight) throws IOException {
        StringBuilder json = new StringBuilder("{\"weights\": [");
        for (int c = 0; c < 3; c++) {
            float[] row = new float[width];
            row[at] = c == 0 ? -weight : c == 1 ? weight : 0;
            json.append(c == 0 ? "" : ", ").append(java.util.Arrays.toString(row));
        }
        Files.writeString(dir.resolve("head.json"), json.append("], \"bias\": [0, 0, 0]}").toString());
    }

    private void writeClassifier(float secondLogit, String labels) throws IOException {
        writeClassifier(secondLogit, labels, "");
    }

    /** The same, with more fields in its descriptor ({@code ", \"name\": value"}). */
    private void writeClassifier(float secondLogit, String labels, String more) throws IOException {
        Files.write(dir.resolve("model.onnx"), TinyOnnxClassifier.model(secondLogit));
        copyBundled(ModelFiles.TOKENIZER);
        Files.writeString(dir.resolve("sluice-model.json"),
                "{\"name\": \"tiny\", \"version\": \"7\", \"type\": \"sequence-classifier\", \"labels\": " + labels + more + "}");
    }

    private void copyBundled(String file) throws IOException {
        try (InputStream in = ModelFiles.classPath(OnnxModelLoader.BUNDLED).open(file)) {
            Files.copy(in, dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
