package dev.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

class HelmChartTest {

    private static final Map<String, String> SASL = Map.of("kafka.securityProtocol", "SASL_SSL",
            "kafka.sasl.existingSecret", "kafka-credentials", "kafka.tls.existingSecret", "kafka-tls", "kafka.tls.certKey", "tls.crt",
            "kafka.tls.keyKey", "tls.key", "operator.existingSecret", "sluice-operator", "scorer.existingSecret", "sluice-scorer");
    private static final List<Map<String, String>> VALUE_SETS = List.of(
            Map.of(),
            Map.of("keda.enabled", "false"),
            Map.of("keda.enabled", "false", "hpa.enabled", "true"),
            SASL,
            Map.of("image.flavor", "native"),
            Map.of("sluice.delivery", "exactly-once", "sluice.staticMembership", "true"),
            Map.of("sluice.model.kind", "onnx", "sluice.model.onnx.volume.persistentVolumeClaim.claimName", "my-model"),
            Map.of("sluice.model.kind", "onnx", "image.flavor", "native", "sluice.model.onnx.labels[0]", "negative",
                    "sluice.model.onnx.labels[1]", "positive"),
            Map.of("serviceMonitor.enabled", "true", "prometheusRule.enabled", "true", "networkPolicy.enabled", "true",
                    "keda.timeToDrain.enabled", "true"));

    @Test
    void strictLintPasses() {
        // helm-java's lint takes no values; every value set is rendered by the template tests below.
        LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();
        assertThat(result.isFailed()).as("lint: %s", result.getMessages()).isFalse();
    }

    @Test
    void everyValueSetRenders() {
        for (Map<String, String> values : VALUE_SETS) {
            assertThat(RenderedChart.render(values).objects).as("objects rendered with %s", values).hasSizeGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void everyRenderedCustomResourceMatchesItsCrdWithUnknownFieldsForbidden() {
        int validated = 0;
        for (Map<String, String> values : VALUE_SETS) {
            for (JsonNode object : RenderedChart.render(values).objects) {
                if (CrdSchemas.handles(object.get("kind").asText())) {
                    assertThat(CrdSchemas.validate(object)).as("%s with %s", object.get("kind"), values).isEmpty();
                    validated++;
                }
            }
        }
        assertThat(validated).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aFieldTheCrdDoesNotKnowIsCaught() {
        JsonNode scaledObject = RenderedChart.render(Map.of()).one("ScaledObject").orElseThrow().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) scaledObject.get("spec")).put("maxReplicas", 3);
        assertThat(CrdSchemas.validate(scaledObject)).isNotEmpty();
    }

    @Test
    void everyRenderedCoreObjectHasTheFieldsItsKindRequires() {
        for (Map<String, String> values : VALUE_SETS) {
            for (JsonNode object : RenderedChart.render(values).objects) {
                assertThat(object.at("/metadata/name").asText()).isNotBlank();
                switch (object.get("kind").asText()) {
                    case "Deployment" -> assertThat(object.at("/spec/selector/matchLabels").size()).isPositive();
                    case "Service" -> assertThat(object.at("/spec/ports")).isNotEmpty();
                    case "PodDisruptionBudget", "NetworkPolicy" -> assertThat(object.at("/spec").isObject()).isTrue();
                    default -> {
                    }
                }
            }
        }
    }

    @Test
    void defaultsScaleWithKedaOnTheAppsOwnTopicAndGroupAndLeaveReplicasToIt() throws IOException {
        RenderedChart chart = RenderedChart.render(Map.of());
        Properties app = applicationProperties();
        JsonNode trigger = chart.one("ScaledObject").orElseThrow().at("/spec/triggers/0");
        assertThat(trigger.get("type").asText()).isEqualTo("kafka");
        assertThat(trigger.at("/metadata/topic").asText()).isEqualTo(app.getProperty("sluice.topics.requests"));
        assertThat(trigger.at("/metadata/consumerGroup").asText()).isEqualTo(app.getProperty("sluice.group-id"));
        assertThat(chart.one("Deployment").orElseThrow().at("/spec/replicas").isMissingNode()).isTrue();
        assertThat(chart.one("HorizontalPodAutoscaler")).isEmpty();
        assertThat(chart.one("ScaledObject").orElseThrow().at("/spec/maxReplicaCount").asInt()).isLessThanOrEqualTo(12);
    }

    @Test
    void withoutKedaTheDeploymentHasAReplicaCountOrACpuAutoscaler() {
        RenderedChart plain = RenderedChart.render(Map.of("keda.enabled", "false"));
        assertThat(plain.one("ScaledObject")).isEmpty();
        assertThat(plain.one("Deployment").orElseThrow().at("/spec/replicas").asInt()).isEqualTo(2);
        RenderedChart hpa = RenderedChart.render(Map.of("keda.enabled", "false", "hpa.enabled", "true"));
        assertThat(hpa.one("HorizontalPodAutoscaler").orElseThrow().at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
    }

    @Test
    void probesAndPortPointAtEndpointsSluiceServes() {
        JsonNode container = RenderedChart.render(Map.of()).container();
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("management");
        assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("management");
        assertThat(container.at("/startupProbe/httpGet/port").asText()).isEqualTo("management");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(container.at("/ports/1/name").asText()).isEqualTo("management");
        assertThat(container.at("/ports/1/containerPort").asInt()).isEqualTo(9000);
    }

    @Test
    void thePodRunsLockedDown() {
        RenderedChart chart = RenderedChart.render(Map.of());
        JsonNode pod = chart.one("Deployment").orElseThrow().at("/spec/template/spec");
        JsonNode container = chart.container();
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
        assertThat(pod.at("/volumes/0/emptyDir").isObject()).isTrue();
    }

    @Test
    void theGracePeriodOutlastsTheDrainTimeout() {
        JsonNode pod = RenderedChart.render(Map.of()).one("Deployment").orElseThrow().at("/spec/template/spec");
        JsonNode config = RenderedChart.render(Map.of()).one("ConfigMap").orElseThrow().get("data");
        int drain = Integer.parseInt(config.get("SLUICE_SHUTDOWN_DRAIN_TIMEOUT").asText().replace("s", ""));
        assertThat(pod.get("terminationGracePeriodSeconds").asInt()).isGreaterThan(drain);
    }

    @Test
    void everyEnvironmentVariableTheChartSetsIsARealConfigProperty() throws IOException {
        Properties app = applicationProperties();
        Set<String> known = new TreeSet<>();
        app.stringPropertyNames().forEach(name -> known.add(name.toUpperCase().replaceAll("[^A-Z0-9]", "_")));
        for (Map<String, String> values : VALUE_SETS) {
            RenderedChart chart = RenderedChart.render(values);
            List<String> names = new ArrayList<>();
            chart.one("ConfigMap").orElseThrow().get("data").fieldNames().forEachRemaining(names::add);
            chart.container().path("env").forEach(e -> names.add(e.get("name").asText()));
            for (String name : names) {
                boolean kafkaClient = name.startsWith("KAFKA_"); // Every kafka.* property reaches the clients.
                boolean helper = name.equals("SASL_USERNAME") || name.equals("SASL_PASSWORD") || name.equals("JAVA_OPTS_APPEND")
                        || name.equals("POD_NAME") || name.startsWith("DJL_") // Read by the tokenizers library.
                        || name.equals("SLUICE_OPERATOR_PASSWORD") // Read by quarkus.security.users.embedded.users.operator.
                        || name.equals("SLUICE_SCORER_PASSWORD"); // And .users.scorer.
                assertThat(kafkaClient || helper || known.contains(name)).as("%s maps to a property sluice reads", name).isTrue();
            }
        }
    }

    @Test
    void saslCredentialsComeFromTheSecretAndNeverSitInTheConfigMap() {
        RenderedChart chart = RenderedChart.render(SASL);
        String configMap = chart.one("ConfigMap").orElseThrow().toString();
        assertThat(configMap).doesNotContainIgnoringCase("password").doesNotContain("jaas");
        List<String> secretRefs = new ArrayList<>();
        chart.container().get("env").forEach(e -> {
            if (e.has("valueFrom")) {
                secretRefs.add(e.at("/valueFrom/secretKeyRef/name").asText());
            }
        });
        assertThat(secretRefs).contains("kafka-credentials", "kafka-tls", "sluice-operator", "sluice-scorer");
        assertThat(chart.one("TriggerAuthentication").orElseThrow().at("/spec/secretTargetRef/0/name").asText())
                .isEqualTo("kafka-credentials");
        assertThat(chart.one("ScaledObject").orElseThrow().at("/spec/triggers/0/authenticationRef/name").asText()).isNotBlank();
    }

    @Test
    void eachPodsTransactionalIdAndOptionallyItsStaticMembershipAreItsPodName() {
        RenderedChart chart = RenderedChart.render(Map.of("sluice.delivery", "exactly-once", "sluice.staticMembership", "true"));
        assertThat(chart.one("ConfigMap").orElseThrow().at("/data/SLUICE_DELIVERY").asText()).isEqualTo("exactly-once");
        Map<String, String> env = new java.util.HashMap<>();
        chart.container().get("env").forEach(e -> env.put(e.get("name").asText(), e.path("value").asText()));
        assertThat(env).containsEntry("SLUICE_EXACTLY_ONCE_TRANSACTIONAL_ID", "$(POD_NAME)").containsEntry("SLUICE_GROUP_INSTANCE_ID",
                "$(POD_NAME)");
        assertThat(chart.container().get("env").get(0).at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");

        Map<String, String> dynamic = new java.util.HashMap<>();
        RenderedChart.render(Map.of()).container().get("env").forEach(e -> dynamic.put(e.get("name").asText(), e.path("value").asText()));
        assertThat(dynamic).doesNotContainKey("SLUICE_GROUP_INSTANCE_ID");
    }

    @Test
    void theNeutralBiasReachesSluiceAsItsKnobAndDefaultsToTheCalibratedRule() {
        assertThat(RenderedChart.render(Map.of()).one("ConfigMap").orElseThrow().at("/data/SLUICE_MODEL_NEUTRAL_BIAS").asText())
                .isEqualTo("0");
        assertThat(RenderedChart.render(Map.of("sluice.model.neutralBias", "-0.5")).one("ConfigMap").orElseThrow()
                .at("/data/SLUICE_MODEL_NEUTRAL_BIAS").asText()).isEqualTo("-0.5");
        assertThatThrownBy(() -> RenderedChart.render(Map.of("sluice.model.neutralBias", "less"))).hasMessageContaining("neutralBias");
    }

    @Test
    void aUsersOnnxModelIsMountedReadOnlyWhereSluiceReadsIt() throws IOException {
        RenderedChart chart = RenderedChart
                .render(Map.of("sluice.model.kind", "onnx", "sluice.model.onnx.volume.persistentVolumeClaim.claimName",
                        "my-model", "sluice.model.onnx.path", "/models/distilbert"));
        assertThat(chart.one("ConfigMap").orElseThrow().at("/data/SLUICE_MODEL_ONNX_PATH").asText()).isEqualTo("/models/distilbert");
        JsonNode mount = null;
        for (JsonNode m : chart.container().get("volumeMounts")) {
            mount = m.get("name").asText().equals("model") ? m : mount;
        }
        assertThat(mount).isNotNull();
        assertThat(mount.get("mountPath").asText()).isEqualTo("/models/distilbert");
        assertThat(mount.get("readOnly").asBoolean()).isTrue();
        JsonNode pod = chart.one("Deployment").orElseThrow().at("/spec/template/spec");
        assertThat(pod.toString()).contains("\"persistentVolumeClaim\":{\"claimName\":\"my-model\"}");

        RenderedChart bundled = RenderedChart.render(Map.of("sluice.model.kind", "onnx"));
        assertThat(bundled.one("ConfigMap").orElseThrow().at("/data/SLUICE_MODEL_ONNX_PATH").isMissingNode()).isTrue();
        assertThat(bundled.one("ConfigMap").orElseThrow().at("/data/SLUICE_MODEL_ONNX_INTRA_OP_THREADS").asText())
                .isEqualTo(applicationProperties().getProperty("sluice.model.onnx.intra-op-threads"));
        assertThat(bundled.one("ConfigMap").orElseThrow().at("/data/SLUICE_MODEL_ONNX_GROUP_SIZE").asText())
                .isEqualTo(applicationProperties().getProperty("sluice.model.onnx.group-size"));
    }

    @Test
    void aDisruptionBudgetIsRenderedOnlyWhereTheMinimumIsTwoOrMorePods() {
        assertThat(RenderedChart.render(Map.of()).one("PodDisruptionBudget")).as("KEDA's minimum of 1").isEmpty();
        assertThat(RenderedChart.render(Map.of("keda.minReplicaCount", "2")).one("PodDisruptionBudget")).isPresent();
        assertThat(RenderedChart.render(Map.of("keda.enabled", "false")).one("PodDisruptionBudget")).as("replicaCount 2").isPresent();
        assertThat(RenderedChart.render(Map.of("keda.enabled", "false", "replicaCount", "1")).one("PodDisruptionBudget")).isEmpty();
        assertThat(RenderedChart.render(Map.of("keda.enabled", "false", "hpa.enabled", "true", "hpa.minReplicas", "3"))
                .one("PodDisruptionBudget")).isPresent();
    }

    @Test
    void podsSpreadOverNodesAndZonesByDefaultWithoutBlockingScheduling() {
        JsonNode spread = RenderedChart.render(Map.of()).one("Deployment").orElseThrow()
                .at("/spec/template/spec/topologySpreadConstraints");
        List<String> keys = new ArrayList<>();
        spread.forEach(c -> {
            keys.add(c.get("topologyKey").asText());
            assertThat(c.get("whenUnsatisfiable").asText()).isEqualTo("ScheduleAnyway");
            assertThat(c.at("/labelSelector/matchLabels").size()).isPositive();
        });
        assertThat(keys).containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        assertThat(RenderedChart.render(Map.of("topologySpread.enabled", "false")).one("Deployment").orElseThrow()
                .at("/spec/template/spec/topologySpreadConstraints").isMissingNode()).isTrue();
    }

    @Test
    void theJaasLineIsNeverAssembledFromTheSecretInTheManifest() {
        Map<String, String> env = new HashMap<>();
        RenderedChart.render(SASL).container().get("env").forEach(e -> env.put(e.get("name").asText(), e.toString()));
        assertThat(env).doesNotContainKey("KAFKA_SASL_JAAS_CONFIG").containsKeys("SASL_USERNAME", "SASL_PASSWORD");
        assertThat(env.get("SASL_PASSWORD")).contains("secretKeyRef");
    }

    @Test
    void everyBootstrapPortOpensTheEgress() {
        JsonNode egress = RenderedChart.render(Map.of("kafka.bootstrapServers", "a:9092, b:9093,[::1]:9094")).one("NetworkPolicy")
                .orElseThrow().at("/spec/egress");
        assertThat(egress.toString()).contains("\"port\":9092").contains("\"port\":9093").contains("\"port\":9094")
                .doesNotContain("\"port\":0");
    }

    @Test
    void theNativeImageRunsATransformerWithItsLibrariesExtractedToTheWritableTmp() {
        RenderedChart chart = RenderedChart.render(Map.of("sluice.model.kind", "onnx", "image.flavor", "native",
                "sluice.model.onnx.labels[0]", "negative", "sluice.model.onnx.labels[1]", "neutral", "sluice.model.onnx.labels[2]",
                "positive"));
        assertThat(chart.one("ConfigMap").orElseThrow().at("/data/SLUICE_MODEL_ONNX_LABELS").asText())
                .isEqualTo("negative,neutral,positive");
        Map<String, String> env = new HashMap<>();
        chart.container().get("env").forEach(e -> env.put(e.get("name").asText(), e.path("value").asText()));
        assertThat(env).containsEntry("DJL_CACHE_DIR", "/tmp/djl").containsEntry("DJL_OFFLINE", "true")
                .doesNotContainKey("JAVA_OPTS_APPEND");
        List<String> writable = new ArrayList<>();
        chart.container().get("volumeMounts").forEach(m -> writable.add(m.get("mountPath").asText()));
        assertThat(writable).contains("/tmp");
        assertThat(chart.container().at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    }

    @Test
    void theNativeImageValueSelectsTheNativeTag() {
        assertThat(RenderedChart.render(Map.of("image.flavor", "native")).container().get("image").asText()).endsWith("-native");
        assertThat(RenderedChart.render(Map.of()).container().get("image").asText()).doesNotEndWith("-native");
    }

    @Test
    void aNativePodsHeapFloorIsItsShareOfThePodsMemoryLimit() {
        assertThat(args(Map.of("image.flavor", "native"))).containsExactly("-Xms256m");
        assertThat(args(Map.of("image.flavor", "native", "resources.limits.memory", "768Mi"))).containsExactly("-Xms192m");
        assertThat(args(Map.of("image.flavor", "native", "resources.limits.memory", "1073741824"))).containsExactly("-Xms256m");
        assertThat(args(Map.of("image.flavor", "native", "resources.limits.memory", "2G", "image.nativeMinHeapPercent", "40")))
                .containsExactly("-Xms762m");
    }

    @Test
    void theJvmImageAPodWithoutAMemoryLimitAndZeroPercentGetNoHeapFloor() {
        assertThat(args(Map.of())).isEmpty();
        assertThat(args(Map.of("image.flavor", "native", "resources.limits", "null"))).isEmpty();
        assertThat(args(Map.of("image.flavor", "native", "image.nativeMinHeapPercent", "0"))).isEmpty();
    }

    @Test
    void aMemoryLimitTheHeapFloorCannotReadIsRejectedWithItsName() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("image.flavor", "native", "resources.limits.memory", "1.5Gi")))
                .hasMessageContaining("resources.limits.memory \"1.5Gi\"").hasMessageContaining("nativeMinHeapPercent");
        assertThat(args(Map.of("resources.limits.memory", "1.5Gi"))).as("the JVM flavor reads no limit").isEmpty();
    }

    private static List<String> args(Map<String, String> values) {
        return RenderedChart.render(values).containerArgs();
    }

    @Test
    void thePrometheusRuleIsTheAlertsFileItself() throws IOException {
        JsonNode rule = RenderedChart.render(Map.of("prometheusRule.enabled", "true")).one("PrometheusRule").orElseThrow();
        JsonNode alerts = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("alerts", "sluice.rules.yaml")));
        assertThat(rule.at("/spec/groups")).isEqualTo(alerts.get("groups"));
    }

    @Test
    void mistakesInValuesAreRejected() {
        Map<String, String> bad = new HashMap<>();
        bad.put("image.flavor", "docker");
        List<Map<String, String>> mistakes = List.of(bad,
                Map.of("keda.maxReplicaCount", "20"),
                Map.of("terminationGracePeriodSeconds", "20"),
                Map.of("kafka.securityProtocol", "SASL_SSL"),
                Map.of("keda.allowIdleConsumers", "true", "keda.limitToPartitionsWithLag", "true"),
                Map.of("sluice.ordering", "random"),
                Map.of("sluice.model.onnx.labels[0]", "LABEL_0"),
                Map.of("sluice.model.onnx.groupSize", "0"),
                Map.of("kafka.bootstrapServers", "kafka"),
                Map.of("kafka.bootstrapServers", "kafka:9092,other"),
                Map.of("kafka.bootstrapServers", "kafka:99999"),
                Map.of("replicas", "3"),
                Map.of("image.nativeMinHeapPercent", "80"));
        for (Map<String, String> values : mistakes) {
            assertThatThrownBy(() -> RenderedChart.render(values)).as("values %s", values).isInstanceOf(IllegalStateException.class);
        }
    }

    static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        return properties;
    }
}
