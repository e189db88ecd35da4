package dev.sluice.ops;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /api/score}: one text's outcome, in the results topic's terms. */
@RegisterForReflection
public record ScoredText(String label, double score, String model) {
}
