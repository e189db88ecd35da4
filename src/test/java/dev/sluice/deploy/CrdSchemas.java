package dev.sluice.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates custom resources against the CRDs in ../shared/k8s-schemas (read from there, not
 * copied), with unknown fields forbidden wherever the CRD does not say it keeps them.
 */
final class CrdSchemas {

    static final Path DIRECTORY = Path.of("..", "shared", "k8s-schemas");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> FILES = Map.of(
            "ScaledObject", "keda.sh_scaledobjects.yaml",
            "TriggerAuthentication", "keda.sh_triggerauthentications.yaml",
            "PrometheusRule", "monitoring.coreos.com_prometheusrules.yaml",
            "ServiceMonitor", "monitoring.coreos.com_servicemonitors.yaml",
            "PodMonitor", "monitoring.coreos.com_podmonitors.yaml");

    private CrdSchemas() {
    }

    static boolean handles(String kind) {
        return FILES.containsKey(kind);
    }

    /** Problems of one rendered object; empty when it is valid. */
    static Set<String> validate(JsonNode object) {
        String kind = object.get("kind").asText();
        JsonNode crd = read(DIRECTORY.resolve(FILES.get(kind)));
        String apiVersion = object.get("apiVersion").asText();
        String group = crd.at("/spec/group").asText();
        for (JsonNode version : crd.at("/spec/versions")) {
            if ((group + "/" + version.get("name").asText()).equals(apiVersion)) {
                ObjectNode schema = version.at("/schema/openAPIV3Schema").deepCopy();
                forbidUnknownFields(schema);
                JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
                return validator.validate(object).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
            }
        }
        return Set.of("no version " + apiVersion + " in " + FILES.get(kind));
    }

    private static void forbidUnknownFields(JsonNode node) {
        if (node instanceof ObjectNode object) {
            boolean keeps = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (object.has("properties") && !object.has("additionalProperties") && !keeps) {
                object.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> children = object.elements(); children.hasNext();) {
                forbidUnknownFields(children.next());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(CrdSchemas::forbidUnknownFields);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (shared/ must sit beside the project)", e);
        }
    }
}
