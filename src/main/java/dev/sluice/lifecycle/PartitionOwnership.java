package dev.sluice.lifecycle;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

import dev.sluice.config.SluiceConfig;
import dev.sluice.metrics.SluiceMetrics;

/**
 * What this instance owns, through the connector's rebalance callbacks (on the polling thread). An
 * assigned partition gets a tracker. A revoked one gives its in-flight records up to
 * {@code sluice.shutdown.drain-timeout} to end, commits what ended contiguously, and only then is
 * let go: its budget places freed, its lanes and held sends forgotten. A lost one commits nothing,
 * since another member may own it already.
 */
@ApplicationScoped
@Identifier(PartitionOwnership.NAME)
public class PartitionOwnership implements KafkaConsumerRebalanceListener {

    /** The listener's name, which the channels' {@code consumer-rebalance-listener.name} gives. */
    public static final String NAME = "sluice-rebalance";

    private static final Logger LOG = Logger.getLogger(PartitionOwnership.class);

    private final OffsetLedger ledger;
    private final Budgets budgets;
    private final OffsetCommitter committer;
    private final RecordLifecycle lifecycle;
    private final RecordIntake intake;
    private final SluiceMetrics metrics;
    private final Duration drainTimeout;

    @Inject
    public PartitionOwnership(OffsetLedger ledger, Budgets budgets, OffsetCommitter committer, RecordLifecycle lifecycle,
            RecordIntake intake,
            SluiceMetrics metrics, SluiceConfig config) {
        this(ledger, budgets, committer, lifecycle, intake, metrics, config.shutdown().drainTimeout());
    }

    PartitionOwnership(OffsetLedger ledger, Budgets budgets, OffsetCommitter committer, RecordLifecycle lifecycle, RecordIntake intake,
            SluiceMetrics metrics, Duration drainTimeout) {
        this.ledger = ledger;
        this.budgets = budgets;
        this.committer = committer;
        this.lifecycle = lifecycle;
        this.intake = intake;
        this.metrics = metrics;
        this.drainTimeout = drainTimeout;
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
        // At shutdown the drain already waited the whole timeout for these same records: a second
        // wait would only double the time to stop (and outlast a dev-mode broker that is stopping).
        Duration wait = intake.stopped() ? Duration.ZERO : drainTimeout;
        try {
            if (committer.canCommit() && !ledger.awaitDrained(partitions, wait)) {
                LOG.warnf("revoking %s with %d records unfinished after %s; their offsets stay uncommitted", partitions,
                        ledger.pending(partitions), drainTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            committer.commitOwned(consumer, partitions, true, () -> letGo(partitions));
        } catch (RuntimeException e) {
            LOG.warnf("commit on revocation of %s failed: %s", partitions, e.toString());
            letGo(partitions);
        }
        LOG.infof("revoked %s", partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        committer.lost(partitions);
        letGo(partitions);
        LOG.warnf("lost %s", partitions);
    }

    private void letGo(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            budgets.of(partition).release(ledger.revoked(List.of(partition)));
            lifecycle.forget(partition);
        }
        committer.forget(partitions);
    }
}
