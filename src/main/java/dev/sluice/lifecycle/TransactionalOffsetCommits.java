package dev.sluice.lifecycle;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Exactly-once: the offsets of every owned partition of the consumer, not only revoked ones, go
 * into the transaction that holds the outcomes sent for them ({@link TransactionalCommits}, which
 * the publish stage implements): each outcome must commit with its offset.
 */
final class TransactionalOffsetCommits implements OffsetCommits {

    private static final Runnable NOTHING = () -> {
    };

    private final TransactionalCommits transactions;

    TransactionalOffsetCommits(TransactionalCommits transactions) {
        this.transactions = transactions;
    }

    @Override
    public void commit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean sync,
            Function<Collection<TopicPartition>, Map<TopicPartition, OffsetAndMetadata>> changed,
            BiConsumer<TopicPartition, OffsetAndMetadata> committed, Runnable thenLetGo) {
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            if (thenLetGo != null) {
                thenLetGo.run();
            }
            return;
        }
        String inputTopic = assignment.iterator().next().topic();
        transactions.commit(inputTopic, consumer, () -> changed.apply(null), thenLetGo == null ? NOTHING : thenLetGo).forEach(committed);
    }

    @Override
    public boolean canCommit() {
        return !transactions.broken();
    }

    @Override
    public void lost(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            transactions.abandon("partitions " + partitions + " were lost (the group moved on without this instance)");
        }
    }
}
