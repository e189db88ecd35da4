package dev.sluice.ops;

import java.util.List;
import java.util.Set;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code GET /api/consumer/lag}: per owned partition committed, log-end and lag; the total, the
 * recent processing rate, the time to drain (null while nothing is processed), stalled partitions,
 * and when these were read (epoch ms; refreshed every {@code sluice.health.lag-refresh}).
 */
@RegisterForReflection
public record LagReport(String group, List<ConsumerLagMonitor.PartitionLag> partitions, long totalLag, double processingRatePerSecond,
        Double timeToDrainSeconds, Set<Integer> stalledPartitions, long readAtMs) {
}
