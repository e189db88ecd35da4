package dev.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * k8s/sluice.yaml is the chart rendered with its defaults (release "sluice", namespace "default"),
 * without Helm's test hook: a change to one that is not in the other fails the build.
 */
class PlainManifestsTest {

    static final Path MANIFESTS = Path.of("k8s", "sluice.yaml");
    static final String HEADER = "# Generated from helm/sluice with its default values (release sluice, namespace default).\n"
            + "# Do not edit: change the chart, run ./mvnw test -Dtest=PlainManifestsTest and copy target/k8s-sluice.yaml here.\n";

    @Test
    void thePlainManifestsAreTheChartRenderedWithDefaults() throws IOException {
        String expected = HEADER + render();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "k8s-sluice.yaml"), expected);
        assertThat(Files.readString(MANIFESTS)).as("k8s/sluice.yaml is out of step with the chart: see its header").isEqualTo(expected);
    }

    @Test
    void thePlainManifestsIncludeAScaledObject() throws IOException {
        List<JsonNode> objects = RenderedChart.parse(Files.readString(MANIFESTS));
        assertThat(objects.stream().map(o -> o.get("kind").asText())).contains("Deployment", "Service", "ConfigMap", "ScaledObject");
    }

    static String render() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        return RenderedChart.render(Map.of()).objects.stream()
                .filter(o -> !o.at("/metadata/annotations").has("helm.sh/hook"))
                .map(o -> {
                    try {
                        return "---\n" + yaml.writeValueAsString(o);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).collect(Collectors.joining());
    }
}
