package dev.sluice.ops;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /api/requests}: how many requests the broker took, and their ids. */
@RegisterForReflection
public record Accepted(int accepted, List<String> ids) {
}
