package dev.sluice.inference.onnx;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.sluice.inference.EvaluationFigures;
import dev.sluice.testing.Http;
import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.ScoredThroughKafka;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * {@code sluice.model.kind=onnx} with the bundled transformer, on the artifact users run: the
 * packaged jar in {@code ./mvnw verify}, the native executable with {@code -Dnative}. Requests go
 * through the real broker and come back labelled by the transformer.
 */
@QuarkusIntegrationTest
@TestProfile(OnnxModelIT.BundledTransformer.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class OnnxModelIT {

    public static final class BundledTransformer implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.model.kind", "onnx");
        }
    }

    @Test
    void requestsThroughKafkaAreLabelledByTheBundledTransformer() {
        Map<String, String> labels = ScoredThroughKafka.send(Map.of("love", "I love it, the best purchase I have made this year!",
                "hate", "Terrible. It broke after two days and support never answered.", "plain", "The meeting is moved to room 4."),
                "bge-small-sentiment@3");
        assertThat(labels)
                .containsExactlyInAnyOrderEntriesOf(Map.of("love", "positive", "hate", "negative", "plain", "neutral"));
    }

    /**
     * The artifact's head reads the lexicon features as the trainer's does, and its logits are blended
     * with the hybrid model's: a text full of lexicon words scores as the model here scores it, which
     * is not what the head alone gives it.
     */
    @Test
    void theServedScoreIsTheBundledModelsScoreWithItsLexiconFeaturesAndTheHybridBlend() {
        String text = "Thanks, that fixed it! Great answer, though the docs are awful.";
        Map<String, Object> figures = EvaluationFigures.read(OnnxModelLoader.BUNDLED_EVALUATION);
        OnnxSentimentModel.Options options = new OnnxSentimentModel.Options(256, 1, OptLevel.ALL_OPT, 0.05,
                EvaluationFigures.neutralBias(figures), List.of());
        ModelFiles files = ModelFiles.classPath(OnnxModelLoader.BUNDLED);
        ModelDescriptor bundled = ModelDescriptor.read(files);
        ModelDescriptor headAlone = new ModelDescriptor(bundled.name(), bundled.version(), bundled.type(), bundled.labels(),
                bundled.scoreTextsAlone(), bundled.pooling(), bundled.normalize(), bundled.head(), bundled.lexiconFeatures(), 0);
        double expected;
        double unblended;
        try (OnnxSentimentModel model = OnnxSentimentModel.load(files, options, figures);
                OnnxSentimentModel alone = OnnxSentimentModel.load(files, headAlone, LinearHead.read(files, bundled.head(), 3), options,
                        figures)) {
            assertThat(model.lexiconFeatures()).isTrue();
            assertThat(model.hybridShare()).isPositive();
            expected = model.predict(List.of(text)).get(0).score();
            unblended = alone.predict(List.of(text)).get(0).score();
        }
        assertThat(Math.abs(expected - unblended)).as("the blend moves this text's score").isGreaterThan(0.01);
        Number served = Http.scorer().contentType(ContentType.JSON).body(List.of(text)).post("/api/score").then().statusCode(200)
                .extract().path("[0].score");
        assertThat(served.doubleValue()).isCloseTo(expected, within(1e-5));
    }

    @Test
    void theModelIsReportedLoadedAndTheInstanceReady() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Http.management().get("/q/health/ready").then().statusCode(200));
        Http.management().get("/q/health/started").then().statusCode(200).body("checks.name", hasItem("sluice-model"));
        when().get("/api/model").then().statusCode(200).body("loaded", is(true)).body("id", is("bge-small-sentiment@3"));
    }
}
