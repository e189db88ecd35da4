package dev.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * {@code helm install} of the chart into fabric8's Kubernetes mock server in CRUD mode (Helm's
 * memory driver, OpenAPI validation off), then the created objects are read back. No real API
 * server can run on these machines; the mock stores what Helm sends, as a cluster would.
 */
class HelmInstallSmokeTest {

    private static final List<CustomResourceDefinitionContext> CUSTOM = List.of(
            crd("keda.sh", "v1alpha1", "ScaledObject", "scaledobjects"),
            crd("keda.sh", "v1alpha1", "TriggerAuthentication", "triggerauthentications"),
            crd("monitoring.coreos.com", "v1", "ServiceMonitor", "servicemonitors"),
            crd("monitoring.coreos.com", "v1", "PrometheusRule", "prometheusrules"));

    @TempDir
    Path dir;

    private KubernetesMockServer server;
    private NamespacedKubernetesClient client;

    @BeforeEach
    void startMockServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new DiscoveringDispatcher(), false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stopMockServer() {
        client.close();
        server.destroy();
    }

    @Test
    void aHelmInstallCreatesTheDeploymentServiceAndScaledObject() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context: {cluster: mock, user: mock, namespace: default}
                current-context: mock
                users:
                - name: mock
                  user: {token: mock}
                """.formatted(client.getMasterUrl().toString()));
        Release release = new Helm(RenderedChart.CHART).install().withName("sluice").withNamespace("default")
                .withKubeConfig(kubeconfig).disableOpenApiValidation().set("prometheusRule.enabled", "true").call();
        assertThat(release.getStatus()).isEqualTo("deployed");

        Deployment deployment = client.apps().deployments().inNamespace("default").withName("sluice").get();
        assertThat(deployment).isNotNull();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().getHttpGet().getPath())
                .isEqualTo("/q/health/ready");
        assertThat(client.services().inNamespace("default").withName("sluice").get()).isNotNull();
        assertThat(client.configMaps().inNamespace("default").withName("sluice").get().getData()).containsKey("KAFKA_BOOTSTRAP_SERVERS");
        GenericKubernetesResource scaledObject = client.genericKubernetesResources("keda.sh/v1alpha1", "ScaledObject")
                .inNamespace("default").withName("sluice").get();
        assertThat(scaledObject).isNotNull();
        assertThat(client.genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule").inNamespace("default").list().getItems())
                .hasSize(1);
    }

    private static CustomResourceDefinitionContext crd(String group, String version, String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind).withPlural(plural)
                .withScope("Namespaced").build();
    }

    /** The CRUD dispatcher, plus the API discovery answers Helm asks for first, all as JSON. */
    private static final class DiscoveringDispatcher extends Dispatcher {

        private static final Map<String, String> GROUPS = Map.of("apps", "v1", "keda.sh", "v1alpha1", "monitoring.coreos.com", "v1",
                "policy", "v1", "autoscaling", "v2", "networking.k8s.io", "v1");
        private static final Map<String, List<String[]>> RESOURCES = Map.of(
                "/api/v1", List.of(r("configmaps", "ConfigMap"), r("services", "Service"), r("serviceaccounts", "ServiceAccount"),
                        r("pods", "Pod"), r("secrets", "Secret"), r("namespaces", "Namespace")),
                "/apis/apps/v1", List.<String[]>of(r("deployments", "Deployment")),
                "/apis/keda.sh/v1alpha1", List.of(r("scaledobjects", "ScaledObject"), r("triggerauthentications", "TriggerAuthentication")),
                "/apis/monitoring.coreos.com/v1", List.of(r("servicemonitors", "ServiceMonitor"), r("prometheusrules", "PrometheusRule")),
                "/apis/policy/v1", List.<String[]>of(r("poddisruptionbudgets", "PodDisruptionBudget")),
                "/apis/autoscaling/v2", List.<String[]>of(r("horizontalpodautoscalers", "HorizontalPodAutoscaler")),
                "/apis/networking.k8s.io/v1", List.<String[]>of(r("networkpolicies", "NetworkPolicy")));

        private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher(CUSTOM);

        private static String[] r(String plural, String kind) {
            return new String[]{plural, kind};
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath().split("\\?")[0];
            String body = switch (path) {
                case "/version" -> "{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.0\",\"platform\":\"linux/amd64\"}";
                case "/api" -> "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}";
                case "/apis" -> groups();
                default -> RESOURCES.containsKey(path) ? resources(path) : null;
            };
            MockResponse response = body != null ? new MockResponse().setResponseCode(200).setBody(body) : crud.dispatch(request);
            return response.addHeader("Content-Type", "application/json");
        }

        private static String groups() {
            StringBuilder out = new StringBuilder("{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[");
            String separator = "";
            for (Map.Entry<String, String> group : GROUPS.entrySet()) {
                String gv = group.getKey() + "/" + group.getValue();
                out.append(separator).append("{\"name\":\"").append(group.getKey()).append("\",\"versions\":[{\"groupVersion\":\"")
                        .append(gv)
                        .append("\",\"version\":\"").append(group.getValue()).append("\"}],\"preferredVersion\":{\"groupVersion\":\"")
                        .append(gv)
                        .append("\",\"version\":\"").append(group.getValue()).append("\"}}");
                separator = ",";
            }
            return out.append("]}").toString();
        }

        private static String resources(String path) {
            String groupVersion = path.equals("/api/v1") ? "v1" : path.substring("/apis/".length());
            StringBuilder out = new StringBuilder("{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"")
                    .append(groupVersion).append("\",\"resources\":[");
            String separator = "";
            for (String[] resource : RESOURCES.get(path)) {
                out.append(separator).append("{\"name\":\"").append(resource[0]).append("\",\"singularName\":\"\",\"namespaced\":")
                        .append(!resource[1].equals("Namespace")).append(",\"kind\":\"").append(resource[1])
                        .append("\",\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]}");
                separator = ",";
            }
            return out.append("]}").toString();
        }
    }
}
