package dev.sluice.lifecycle;

import static dev.sluice.lifecycle.OwnerFixture.P0;
import static dev.sluice.lifecycle.OwnerFixture.P1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Commit points with Kafka's MockConsumer: what is committed, when, and what a commit frees. */
class OffsetCommitterTest {

    private final OffsetLedger ledger = new OffsetLedger();
    private final InFlightBudget budget = new InFlightBudget(100);
    private final Budgets budgets = new Budgets(budget, new InFlightBudget(100), OwnerFixture.RETRY);
    private final CountingConsumer consumer = new CountingConsumer();

    @Test
    void onlyTheContiguousFinishedOffsetIsCommitted() {
        OffsetCommitter committer = new OffsetCommitter(ledger, budgets, new ConsumerOffsetCommits());
        List<InFlightRecord> records = taken(P0, 0, 1, 2);
        ledger.ended(records.get(0), System.nanoTime());
        ledger.ended(records.get(2), System.nanoTime());
        committer.commitOwned(consumer, null, true);
        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(1));
    }

    @Test
    void aCommitFreesTheBudgetPlacesOfTheRecordsItPasses() {
        OffsetCommitter committer = new OffsetCommitter(ledger, budgets, new ConsumerOffsetCommits());
        List<InFlightRecord> records = taken(P0, 0, 1, 2);
        ledger.ended(records.get(0), System.nanoTime());
        ledger.ended(records.get(1), System.nanoTime());
        committer.commitOwned(consumer, null, true);
        assertThat(budget.count()).isEqualTo(1);
    }

    @Test
    void anOffsetAlreadyCommittedIsNotCommittedAgain() {
        OffsetCommitter committer = new OffsetCommitter(ledger, budgets, new ConsumerOffsetCommits());
        ledger.ended(taken(P0, 0).get(0), System.nanoTime());
        committer.commitOwned(consumer, null, true);
        committer.commitOwned(consumer, null, true);
        assertThat(consumer.commits).hasSize(1);
    }

    @Test
    void onlyTheRequestedPartitionsAreCommittedOnRevocation() {
        OffsetCommitter committer = new OffsetCommitter(ledger, budgets, new ConsumerOffsetCommits());
        ledger.ended(taken(P0, 0).get(0), System.nanoTime());
        ledger.ended(taken(P1, 0).get(0), System.nanoTime());
        committer.commitOwned(consumer, List.of(P1), true);
        assertThat(consumer.commits).containsExactly(Map.of(P1, new OffsetAndMetadata(1)));
    }

    @Test
    void aPartitionTheConsumerNoLongerHasIsNotCommitted() {
        OffsetCommitter committer = new OffsetCommitter(ledger, budgets, new ConsumerOffsetCommits());
        ledger.ended(taken(P0, 0).get(0), System.nanoTime());
        consumer.assign(List.of(P1));
        committer.commitOwned(consumer, null, true);
        assertThat(consumer.commits).isEmpty();
    }

    @Test
    void theRevokedPartitionsAreLetGoAfterTheirCommit() {
        OffsetCommitter committer = new OffsetCommitter(ledger, budgets, new ConsumerOffsetCommits());
        ledger.ended(taken(P0, 0).get(0), System.nanoTime());
        List<String> order = new ArrayList<>();
        consumer.onCommit = () -> order.add("commit");
        committer.commitOwned(consumer, List.of(P0), true, () -> order.add("let go"));
        assertThat(order).containsExactly("commit", "let go");
    }

    @Test
    void inExactlyOnceModeTheOffsetsOfEveryOwnedPartitionGoIntoTheTransaction() {
        RecordingTransactions transactions = new RecordingTransactions();
        OffsetCommitter committer = new OffsetCommitter(ledger, budgets, new TransactionalOffsetCommits(transactions));
        ledger.ended(taken(P0, 0).get(0), System.nanoTime());
        ledger.ended(taken(P1, 0).get(0), System.nanoTime());
        committer.commitOwned(consumer, List.of(P0), true);
        assertThat(transactions.committed).containsExactly(Map.of(P0, new OffsetAndMetadata(1), P1, new OffsetAndMetadata(1)));
        assertThat(consumer.commits).isEmpty();
        assertThat(committer.committed(P1)).isEqualTo(1L);
    }

    @Test
    void inExactlyOnceModeLostPartitionsAbandonTheTransactionAndCommitsStop() {
        RecordingTransactions transactions = new RecordingTransactions();
        OffsetCommitter committer = new OffsetCommitter(ledger, budgets, new TransactionalOffsetCommits(transactions));
        committer.lost(List.of(P0));
        assertThat(transactions.abandoned).isNotNull();
        assertThat(committer.canCommit()).isFalse();
    }

    @Test
    void inAtLeastOnceModeLostPartitionsLeaveCommitsPossible() {
        OffsetCommitter committer = new OffsetCommitter(ledger, budgets, new ConsumerOffsetCommits());
        committer.lost(List.of(P0));
        assertThat(committer.canCommit()).isTrue();
    }

    /** Registers the offsets with a freshly assigned partition's tracker, as intake does. */
    private List<InFlightRecord> taken(TopicPartition partition, long... offsets) {
        ledger.assigned(List.of(partition));
        Set<TopicPartition> assignment = new java.util.HashSet<>(consumer.assignment());
        assignment.add(partition);
        consumer.assign(assignment);
        List<InFlightRecord> records = new ArrayList<>();
        for (long offset : offsets) {
            ContiguousOffsetTracker tracker = ledger.trackerFor(partition);
            tracker.register(offset);
            budget.admit();
            records.add(new InFlightRecord(partition, offset, null, new byte[0], 0L, null, tracker, budget));
        }
        return records;
    }

    /** Kafka's mock consumer, keeping each synchronous commit's offsets. */
    private static final class CountingConsumer extends MockConsumer<byte[], byte[]> {

        final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
        Runnable onCommit = () -> {
        };

        CountingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            commits.add(Map.copyOf(offsets));
            onCommit.run();
            super.commitSync(offsets);
        }
    }

    /** The publish stage's side of a transaction: commits what it is asked, remembers an abandonment. */
    private static final class RecordingTransactions implements TransactionalCommits {

        final List<Map<TopicPartition, OffsetAndMetadata>> committed = new ArrayList<>();
        String abandoned;

        @Override
        public Map<TopicPartition, OffsetAndMetadata> commit(String inputTopic, Consumer<?, ?> consumer,
                Supplier<Map<TopicPartition, OffsetAndMetadata>> offsets, Runnable thenLocked) {
            Map<TopicPartition, OffsetAndMetadata> positions = offsets.get();
            committed.add(positions);
            thenLocked.run();
            return positions;
        }

        @Override
        public void abandon(String why) {
            abandoned = why;
        }

        @Override
        public boolean broken() {
            return abandoned != null;
        }
    }
}
