package dev.sluice.inference.onnx;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.sluice.support.Checksums;
import dev.sluice.testing.Http;
import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.ScoredThroughKafka;

/**
 * A user's own classifier, exported by Hugging Face Optimum and mounted as it is: the packaged
 * artifact runs it with only {@code sluice.model.onnx.path} set. The export is a graph in
 * Optimum's layout whose logits favour its third label ({@code id2label} 2: {@code POSITIVE}), so
 * every result must say positive, by a margin that grows with the text's mean token id, so every
 * text has a score of its own whatever it is padded to. (The label knob for {@code LABEL_n} names:
 * OptimumExportTest.)
 */
@QuarkusIntegrationTest
@TestProfile(OptimumExportIT.MountedExport.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class OptimumExportIT {

    private static final Path EXPORT = exportDirectory();
    private static final byte[] MODEL = TinyOnnxClassifier.maskedMeanExport(new float[]{0f, 0f, 2e-4f}, new float[]{0f, 0f, 4f});

    public static final class MountedExport implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            write();
            return Map.of("sluice.model.kind", "onnx", "sluice.model.onnx.path", EXPORT.toString());
        }
    }

    @Test
    void theMountedExportLabelsEveryRequestByItsMappedLabel() {
        String id = "review-classifier@" + Checksums.sha256(MODEL).substring(0, 10);
        Map<String, String> labels = ScoredThroughKafka.send(Map.of("a", "anything", "b", "another text"), id);
        assertThat(labels).containsExactlyInAnyOrderEntriesOf(Map.of("a", "positive", "b", "positive"));
        when().get("/api/model").then().statusCode(200).body("id", is(id));
    }

    /** The export batches, so the artifact scores a batch in groups of similar length: each text must still get its own score. */
    @Test
    void aBatchOfTextsOfManyLengthsGetsEachTextsOwnScoreInItsOrder() {
        List<String> texts = IntStream.range(0, 24).mapToObj(i -> "word ".repeat((i * 7) % 24 + 1) + "review " + i).toList();
        List<Float> batched = Http.scorer().contentType(ContentType.JSON).body(texts).post("/api/score").then().statusCode(200)
                .extract().jsonPath().getList("score", Float.class);
        List<Float> alone = texts.stream().map(text -> Http.scorer().contentType(ContentType.JSON).body(List.of(text))
                .post("/api/score").then().statusCode(200).extract().jsonPath().getFloat("[0].score")).toList();
        assertThat(batched).containsExactlyElementsOf(alone);
        assertThat(Set.copyOf(alone)).hasSizeGreaterThan(20);
    }

    @AfterAll
    static void deleteTheExport() throws IOException {
        try (Stream<Path> files = Files.walk(EXPORT)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static Path exportDirectory() {
        try {
            return Files.createTempDirectory("sluice-optimum-export");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** model.onnx, config.json and tokenizer.json as Optimum writes them for a BERT classifier. */
    private static void write() {
        try {
            ObjectMapper json = new ObjectMapper();
            Files.write(EXPORT.resolve(ModelFiles.MODEL), MODEL);
            Files.writeString(EXPORT.resolve(ModelFiles.OPTIMUM_CONFIG), "{\"_name_or_path\": \"acme/review-classifier\", "
                    + "\"model_type\": \"bert\", \"id2label\": {\"0\": \"NEGATIVE\", \"1\": \"NEUTRAL\", \"2\": \"POSITIVE\"}}");
            ObjectNode tokenizer = (ObjectNode) json.readTree(ModelFiles.classPath(OnnxModelLoader.BUNDLED).read(ModelFiles.TOKENIZER));
            tokenizer.putNull("truncation");
            tokenizer.putNull("padding");
            json.writeValue(EXPORT.resolve(ModelFiles.TOKENIZER).toFile(), tokenizer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
