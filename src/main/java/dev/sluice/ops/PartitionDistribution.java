package dev.sluice.ops;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/consumer/partition-distribution}: results acknowledged per requests partition since start. */
@RegisterForReflection
public record PartitionDistribution(Map<String, Long> processed, long total) {
}
