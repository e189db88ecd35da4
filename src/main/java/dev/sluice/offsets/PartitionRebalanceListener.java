package dev.sluice.offsets;

import java.time.Duration;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.InFlightRecords;
import dev.sluice.ops.SluiceMetrics;

/**
 * Keeps the offset ledger in step with the group's assignment. On revocation (a rebalance, or the
 * consumer closing at shutdown) in-flight work of the revoked partitions gets up to
 * {@code sluice.shutdown.drain-timeout} to finish, what finished contiguously is committed
 * synchronously, and only then is the partition let go.
 */
@ApplicationScoped
@Identifier(PartitionRebalanceListener.NAME)
public class PartitionRebalanceListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "sluice-rebalance";
    private static final Logger LOG = Logger.getLogger(PartitionRebalanceListener.class);

    private final OffsetLedger ledger;
    private final OffsetCommitter committer;
    private final InFlightRecords inFlight;
    private final SluiceMetrics metrics;
    private final Duration drainTimeout;

    @Inject
    public PartitionRebalanceListener(OffsetLedger ledger, OffsetCommitter committer, InFlightRecords inFlight, SluiceMetrics metrics,
            SluiceConfig config) {
        this.metrics = metrics;
        this.ledger = ledger;
        this.committer = committer;
        this.inFlight = inFlight;
        this.drainTimeout = config.shutdown().drainTimeout();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        ledger.assigned(partitions);
        metrics.rebalanced();
        if (!partitions.isEmpty()) {
            LOG.infof("assigned %s", partitions);
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            if (!ledger.awaitDrained(partitions, drainTimeout)) {
                LOG.warnf("revoking %s with %d records unfinished after %s; their offsets stay uncommitted",
                        partitions, ledger.pending(partitions), drainTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            committer.commitOwned(consumer, partitions, true);
        } catch (RuntimeException e) {
            LOG.warnf("commit on revocation of %s failed: %s", partitions, e.toString());
        }
        inFlight.release(ledger.revoked(partitions));
        committer.forget(partitions);
        LOG.infof("revoked %s", partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Lost, not revoked: another member may own them already, so nothing may be committed.
        inFlight.release(ledger.revoked(partitions));
        committer.forget(partitions);
        LOG.warnf("lost %s", partitions);
    }
}
