package dev.sluice.inference;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.ScoredThroughKafka;

/**
 * The packaged application with {@code sluice.model.neutral-bias} turned far up: the knob reaches
 * the default model, so even plainly positive and negative requests come back {@code neutral}
 * (HybridModelTest proves the same texts polar at the calibrated rule), and the calibrated bias it
 * shifts from is served with the model's figures.
 */
@QuarkusIntegrationTest
@TestProfile(NeutralBiasIT.EverythingNeutral.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class NeutralBiasIT {

    public static final class EverythingNeutral implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.model.neutral-bias", "8");
        }
    }

    @Test
    void aHighNeutralBiasLabelsEvenPlainlyPolarRequestsNeutral() {
        JsonPath model = when().get("/api/model").then().statusCode(200).extract().jsonPath();
        assertThat(model.getString("evaluation.'decision.neutral-bias'")).matches("-?\\d+\\.\\d{4}");

        Map<String, String> labels = ScoredThroughKafka.send(Map.of("love", "I absolutely love it, best purchase ever!", "hate",
                "Terrible. It broke after a day and support was useless."), model.getString("id"));

        assertThat(labels).containsExactlyInAnyOrderEntriesOf(Map.of("love", "neutral", "hate", "neutral"));
    }
}
