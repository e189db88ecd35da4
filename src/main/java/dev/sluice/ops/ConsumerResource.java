package dev.sluice.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Blocking;

import dev.sluice.config.SluiceConfig;
import dev.sluice.lifecycle.OffsetLedger;
import dev.sluice.metrics.SluiceMetrics;

/** The consumer side of the ops API: lag, assignments and where records went. */
@Path("/api/consumer")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ConsumerResource {

    @Inject
    ConsumerLagMonitor monitor;

    @Inject
    OffsetLedger ledger;

    @Inject
    SluiceMetrics metrics;

    @Inject
    SluiceConfig config;

    /**
     * Per owned partition: committed, log-end and lag; the total and the time to drain. Served from
     * the monitor's background refresh (every {@code sluice.health.lag-refresh}), never read per call:
     * an open endpoint must not let callers keep the brokers busy with admin requests.
     */
    @GET
    @Path("/lag")
    public LagReport lag() {
        ConsumerLagMonitor.Snapshot snapshot = monitor.snapshot();
        return new LagReport(config.groupId(), snapshot.partitions(), snapshot.totalLag(), snapshot.ratePerSecond(),
                Double.isInfinite(snapshot.timeToDrainSeconds()) ? null : snapshot.timeToDrainSeconds(), snapshot.stalledPartitions(),
                snapshot.takenAtMs());
    }

    /** This instance's partitions and the group's members with theirs. */
    @GET
    @Path("/assignments")
    public AssignmentReport assignments() throws Exception {
        return new AssignmentReport(config.groupId(), ledger.owned().stream().filter(p -> p.topic().equals(config.topics().requests()))
                .map(TopicPartition::partition).sorted().toList(), monitor.members());
    }

    /** Results acknowledged per requests partition since this instance started. */
    @GET
    @Path("/partition-distribution")
    public PartitionDistribution partitionDistribution() {
        Map<Integer, Long> counts = new java.util.TreeMap<>(metrics.processedByPartition());
        monitor.snapshot().partitions().forEach(p -> counts.putIfAbsent(p.partition(), 0L)); // Owned ones show, even at 0.
        Map<String, Long> perPartition = new LinkedHashMap<>();
        counts.forEach((partition, count) -> perPartition.put(Integer.toString(partition), count));
        return new PartitionDistribution(perPartition, metrics.processedTotal());
    }
}
