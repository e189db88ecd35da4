package dev.sluice.ops;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.sluice.testing.Http;
import dev.sluice.testing.KafkaBrokerResource;

/** {@code POST /api/score} when the model fails on a text: the call says which, and the texts beside it are not blamed. */
@QuarkusIntegrationTest
@TestProfile(ScoreFailuresIT.FailingOnAMarker.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class ScoreFailuresIT {

    public static final class FailingOnAMarker implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.model.kind", "simulated", "sluice.model.simulated.fail-when-contains", "BOOM",
                    "sluice.batch.linger", "200ms");
        }
    }

    @Test
    void aTextTheModelFailsOnIsNamedInA500Problem() {
        Http.scorer().contentType(ContentType.JSON).body("[\"fine\",\"BOOM here\",\"also fine\"]").post("/api/score").then()
                .statusCode(500).contentType("application/problem+json").body("errors.size()", is(1))
                .body("errors[0]", containsString("[1]")).body("detail", containsString("1 of 3"));
    }

    @Test
    void textsThatShareABatchWithAFailingOneAreScored() {
        // Sent together within the 200 ms linger, the two calls' texts close in one batch, which the model fails and then bisects.
        CompletableFuture<Integer> failing = CompletableFuture.supplyAsync(() -> Http.scorer().contentType(ContentType.JSON)
                .body("[\"BOOM\"]").post("/api/score").statusCode());
        Http.scorer().contentType(ContentType.JSON).body("[\"fine\",\"good\"]").post("/api/score").then().statusCode(200)
                .body("size()", is(2)).body("[0].model", containsString("simulated"));
        org.assertj.core.api.Assertions.assertThat(failing.join()).isEqualTo(500);
    }
}
