package dev.sluice.ops;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/consumer/assignments}: this instance's requests partitions and each group member's. */
@RegisterForReflection
public record AssignmentReport(String group, List<Integer> partitions, Map<String, List<String>> members) {
}
