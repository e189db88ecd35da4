package dev.sluice.ops;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/partition-mapping?key=...}: where the default partitioner puts a key. */
@RegisterForReflection
public record PartitionMapping(String key, String topic, int partitions, int partition) {
}
