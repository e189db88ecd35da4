package dev.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the chart gives KEDA's Kafka scaler to authenticate with, checked against the values its
 * source accepts (../shared/docs/keda-kafka-scaler.md), and the default NetworkPolicy.
 */
class NetworkAndKedaAuthTest {

    /** The only {@code sasl} values KEDA's Kafka scaler accepts. */
    private static final Set<String> KEDA_SASL = Set.of("none", "plaintext", "scram_sha256", "scram_sha512", "oauthbearer", "gssapi");
    private static final Map<String, String> EXPECTED = Map.of("PLAIN", "plaintext", "SCRAM-SHA-256", "scram_sha256", "SCRAM-SHA-512",
            "scram_sha512");

    @Test
    void everySaslMechanismReachesKedaAsTheNameItsScalerAccepts() {
        for (Map.Entry<String, String> mechanism : EXPECTED.entrySet()) {
            for (String protocol : List.of("SASL_PLAINTEXT", "SASL_SSL")) {
                Map<String, String> values = new HashMap<>(Map.of("kafka.securityProtocol", protocol, "kafka.sasl.mechanism",
                        mechanism.getKey(), "kafka.sasl.existingSecret", "kafka-credentials", "kafka.tls.existingSecret", "kafka-tls"));
                RenderedChart chart = RenderedChart.render(values);
                JsonNode trigger = chart.one("ScaledObject").orElseThrow().at("/spec/triggers/0");
                String sasl = trigger.at("/metadata/sasl").asText();
                assertThat(sasl).as("%s over %s", mechanism.getKey(), protocol).isEqualTo(mechanism.getValue()).isIn(KEDA_SASL);
                assertThat(trigger.at("/authenticationRef/name").asText()).isNotBlank();
                assertThat(parameters(chart)).containsEntry("username", "kafka-credentials/username")
                        .containsEntry("password", "kafka-credentials/password");
                assertThat(CrdSchemas.validate(chart.one("TriggerAuthentication").orElseThrow())).isEmpty();
            }
        }
    }

    @Test
    void tlsGivesKedaTheSameCaAndForMutualTlsTheClientCertificateAndKey() {
        RenderedChart oneWay = RenderedChart.render(Map.of("kafka.securityProtocol", "SSL", "kafka.tls.existingSecret", "kafka-tls"));
        assertThat(oneWay.one("ScaledObject").orElseThrow().at("/spec/triggers/0/metadata/tls").asText()).isEqualTo("enable");
        assertThat(parameters(oneWay)).containsExactlyEntriesOf(Map.of("ca", "kafka-tls/ca.crt"));
        assertThat(oneWay.one("ConfigMap").orElseThrow().at("/data/KAFKA_SSL_TRUSTSTORE_TYPE").asText()).isEqualTo("PEM");

        RenderedChart mutual = RenderedChart.render(Map.of("kafka.securityProtocol", "SSL", "kafka.tls.existingSecret", "kafka-tls",
                "kafka.tls.certKey", "tls.crt", "kafka.tls.keyKey", "tls.key"));
        assertThat(parameters(mutual)).containsEntry("ca", "kafka-tls/ca.crt").containsEntry("cert", "kafka-tls/tls.crt")
                .containsEntry("key", "kafka-tls/tls.key");
        assertThat(CrdSchemas.validate(mutual.one("TriggerAuthentication").orElseThrow())).isEmpty();
        List<String> env = new ArrayList<>();
        mutual.container().get("env").forEach(e -> env.add(e.get("name").asText()));
        assertThat(env).contains("KAFKA_SSL_KEYSTORE_CERTIFICATE_CHAIN", "KAFKA_SSL_KEYSTORE_KEY");
    }

    @Test
    void plaintextNeedsNoTriggerAuthentication() {
        RenderedChart chart = RenderedChart.render(Map.of());
        assertThat(chart.one("TriggerAuthentication")).isEmpty();
        assertThat(chart.one("ScaledObject").orElseThrow().at("/spec/triggers/0/authenticationRef").isMissingNode()).isTrue();
    }

    @Test
    void theDefaultNetworkPolicyAdmitsTheApiFromTheNamespaceAndTheManagementPortFromMonitoringOnly() {
        JsonNode policy = RenderedChart.render(Map.of()).one("NetworkPolicy").orElseThrow();
        JsonNode ingress = policy.at("/spec/ingress");
        assertThat(ingress).hasSize(2);
        assertThat(ingress.at("/0/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(ingress.at("/0/from/0/podSelector").isObject()).isTrue();
        assertThat(ingress.at("/0/from/0/namespaceSelector").isMissingNode()).isTrue();
        assertThat(ingress.at("/1/ports/0/port").asInt()).isEqualTo(9000);
        assertThat(ingress.at("/1/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()).isEqualTo("monitoring");
        JsonNode egress = policy.at("/spec/egress");
        assertThat(egress.at("/0/ports/0/port").asInt()).isEqualTo(53);
        assertThat(egress.at("/1/ports/0/port").asInt()).isEqualTo(9092);
    }

    @Test
    void egressFollowsTheBootstrapServersPorts() {
        JsonNode policy = RenderedChart.render(Map.of("kafka.bootstrapServers", "b-1.kafka:9096,b-2.kafka:9096,b-3.kafka:9094"))
                .one("NetworkPolicy").orElseThrow();
        List<Integer> ports = new ArrayList<>();
        policy.at("/spec/egress/1/ports").forEach(p -> ports.add(p.get("port").asInt()));
        assertThat(ports).containsExactly(9096, 9094);
    }

    /** The TriggerAuthentication's parameters as parameter → secret/key. */
    private static Map<String, String> parameters(RenderedChart chart) {
        Map<String, String> out = new HashMap<>();
        chart.one("TriggerAuthentication").orElseThrow().at("/spec/secretTargetRef")
                .forEach(ref -> out.put(ref.get("parameter").asText(), ref.get("name").asText() + "/" + ref.get("key").asText()));
        return out;
    }
}
