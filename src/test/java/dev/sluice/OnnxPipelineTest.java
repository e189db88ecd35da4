package dev.sluice;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The pipeline's tests again with {@code sluice.model.kind=onnx}: the bundled bge-small classifier on ONNX Runtime. */
@QuarkusTest
@TestProfile(OnnxPipelineTest.BundledOnnxModel.class)
class OnnxPipelineTest extends PipelineTest {

    public static class BundledOnnxModel implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.model.kind", "onnx");
        }
    }

    @Test
    void theOpsApiNamesTheBundledTransformerAndItsEvaluation() {
        when().get("/api/model").then().statusCode(200).body("kind", is("onnx")).body("loaded", is(true))
                .body("id", is("bge-small-sentiment@3")).body("evaluation.'leave-one-out.imdb.strict-accuracy'", notNullValue());
    }
}
