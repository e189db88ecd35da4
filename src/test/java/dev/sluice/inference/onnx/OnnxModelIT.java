package dev.sluice.inference.onnx;

import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.sluice.testing.Http;
import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.ScoredThroughKafka;

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
                "bge-small-sentiment@2");
        org.assertj.core.api.Assertions.assertThat(labels)
                .containsExactlyInAnyOrderEntriesOf(Map.of("love", "positive", "hate", "negative", "plain", "neutral"));
    }

    @Test
    void theModelIsReportedLoadedAndTheInstanceReady() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Http.management().get("/q/health/ready").then().statusCode(200));
        Http.management().get("/q/health/started").then().statusCode(200).body("checks.name", hasItem("sluice-model"));
        when().get("/api/model").then().statusCode(200).body("loaded", is(true)).body("id", is("bge-small-sentiment@2"));
    }
}
