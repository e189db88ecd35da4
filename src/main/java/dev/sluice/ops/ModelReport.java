package dev.sluice.ops;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/model}: the model kind, whether it is loaded, its identity and evaluation figures. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelReport(String kind, boolean loaded, String name, String version, String id, Map<String, String> evaluation,
        double neutralBand, int maxChars) {
}
