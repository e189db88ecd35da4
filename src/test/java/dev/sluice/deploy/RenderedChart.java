package dev.sluice.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** The chart rendered by real Helm (helm-java) with a set of values, as parsed objects. */
final class RenderedChart {

    static final Path CHART = Path.of("helm", "sluice");
    static final String RELEASE = "sluice";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final String manifest;
    final List<JsonNode> objects;

    private RenderedChart(String manifest, List<JsonNode> objects) {
        this.manifest = manifest;
        this.objects = objects;
    }

    static RenderedChart render(Map<String, String> values) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace("default");
        values.forEach(template::set);
        String manifest = template.call();
        return new RenderedChart(manifest, parse(manifest));
    }

    static List<JsonNode> parse(String manifest) {
        List<JsonNode> out = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(manifest)) {
            for (JsonNode node : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (node != null && !node.isNull() && node.has("kind")) {
                    out.add(node);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("rendered chart is not YAML", e);
        }
        return out;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.get("kind").asText().equals(kind)).toList();
    }

    Optional<JsonNode> one(String kind) {
        List<JsonNode> all = ofKind(kind);
        if (all.size() > 1) {
            throw new IllegalStateException(all.size() + " objects of kind " + kind);
        }
        return all.stream().findFirst();
    }

    JsonNode container() {
        return one("Deployment").orElseThrow().at("/spec/template/spec/containers/0");
    }

    /** The sluice container's arguments (after the image's ENTRYPOINT); empty when the chart passes none. */
    List<String> containerArgs() {
        List<String> args = new ArrayList<>();
        container().path("args").forEach(arg -> args.add(arg.asText()));
        return args;
    }
}
