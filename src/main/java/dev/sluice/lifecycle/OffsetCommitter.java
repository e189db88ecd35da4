package dev.sluice.lifecycle;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Commits each owned partition's contiguous finished offset, if it moved since the last commit,
 * through the delivery mode's {@link OffsetCommits}, and frees the budget places a commit passes.
 * It runs on the consumer's polling thread, the thread that also runs rebalance callbacks, so a
 * commit can never slip in for a partition already revoked; {@link CommitScheduler} decides when.
 */
@Singleton
public class OffsetCommitter {

    private final OffsetLedger ledger;
    private final Budgets budgets;
    private final OffsetCommits commits;
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();

    @Inject
    public OffsetCommitter(OffsetLedger ledger, Budgets budgets, OffsetCommits commits) {
        this.ledger = ledger;
        this.budgets = budgets;
        this.commits = commits;
    }

    /**
     * Commits the partitions' (every owned one's when null) committable offsets that moved since
     * their last commit. Must run on the polling thread (from a rebalance callback or
     * {@code runOnPollingThread}).
     */
    public void commitOwned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean sync) {
        commitOwned(consumer, partitions, sync, null);
    }

    /**
     * As {@link #commitOwned(Consumer, Collection, boolean)}, then runs {@code thenLetGo} (the
     * revoked partitions' release) before anything more can be sent for them.
     */
    public void commitOwned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean sync, Runnable thenLetGo) {
        Set<TopicPartition> assignment = consumer.assignment();
        commits.commit(consumer, partitions, sync, chosen -> changedOffsets(assignment, chosen), this::succeeded, thenLetGo);
    }

    private Map<TopicPartition, OffsetAndMetadata> changedOffsets(Set<TopicPartition> assignment, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        ledger.committablePositions(partitions).forEach((partition, position) -> {
            if (assignment.contains(partition) && !position.equals(committed.get(partition))) {
                offsets.put(partition, new OffsetAndMetadata(position));
            }
        });
        return offsets;
    }

    private void succeeded(TopicPartition partition, OffsetAndMetadata offset) {
        committed.put(partition, offset.offset());
        budgets.of(partition).release(ledger.committed(partition, offset.offset()));
    }

    /** The offset last committed for an owned partition, or null. */
    public Long committed(TopicPartition partition) {
        return committed.get(partition);
    }

    /** Forgets what was committed for partitions no longer owned. */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(committed::remove);
    }

    /** Whether commits can still happen (exactly-once: no transaction has failed). */
    public boolean canCommit() {
        return commits.canCommit();
    }

    /** Partitions were lost: in exactly-once mode, what the open transaction holds for them can never commit. */
    void lost(Collection<TopicPartition> partitions) {
        commits.lost(partitions);
    }
}
