package dev.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

/** Every core object the chart renders passes the Kubernetes API models' strict checks (unknown and missing fields fail). */
class CoreKindsTest {

    @FunctionalInterface
    interface Validator {

        void validate(JsonElement json) throws Exception;
    }

    private static final Map<String, Validator> MODELS = Map.of(
            "Deployment", V1Deployment::validateJsonElement,
            "Service", V1Service::validateJsonElement,
            "ServiceAccount", V1ServiceAccount::validateJsonElement,
            "ConfigMap", V1ConfigMap::validateJsonElement,
            "PodDisruptionBudget", V1PodDisruptionBudget::validateJsonElement,
            "NetworkPolicy", V1NetworkPolicy::validateJsonElement,
            "HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::validateJsonElement,
            "Pod", V1Pod::validateJsonElement);

    @Test
    void everyRenderedCoreObjectIsValidForItsApiModel() throws Exception {
        List<String> validated = new ArrayList<>();
        for (Map<String, String> values : List.of(Map.<String, String>of(),
                Map.of("keda.enabled", "false", "hpa.enabled", "true", "hpa.minReplicas", "2"),
                Map.of("kafka.securityProtocol", "SASL_SSL", "kafka.sasl.existingSecret", "s", "kafka.tls.existingSecret", "t",
                        "networkPolicy.enabled", "true"))) {
            for (JsonNode object : RenderedChart.render(values).objects) {
                Validator model = MODELS.get(object.get("kind").asText());
                if (model != null) {
                    model.validate(JsonParser.parseString(object.toString()));
                    validated.add(object.get("kind").asText());
                }
            }
        }
        // helm template leaves the helm-test hook Pod out; HelmInstallSmokeTest installs the chart with it.
        assertThat(validated).contains("Deployment", "Service", "ServiceAccount", "ConfigMap", "PodDisruptionBudget", "NetworkPolicy",
                "HorizontalPodAutoscaler");
    }

    @Test
    void anUnknownFieldInACoreObjectIsCaught() {
        ObjectNode deployment = (ObjectNode) RenderedChart.render(Map.of()).one("Deployment").orElseThrow().deepCopy();
        ((ObjectNode) deployment.get("spec")).put("replicaz", 3);
        assertThatThrownBy(() -> V1Deployment.validateJsonElement(JsonParser.parseString(deployment.toString())))
                .hasMessageContaining("replicaz");
    }
}
