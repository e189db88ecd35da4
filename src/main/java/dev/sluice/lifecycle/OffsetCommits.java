package dev.sluice.lifecycle;

import java.util.Collection;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The delivery part that commits offsets: {@link ConsumerOffsetCommits} (at-least-once: the
 * consumer commits them) or {@link TransactionalOffsetCommits} (exactly-once: they commit in the
 * transaction that holds the outcomes sent for them). Chosen once at start by {@link DeliveryParts};
 * always called on the consumer's polling thread.
 */
public interface OffsetCommits {

    /**
     * Commits what {@code changed} gives for {@code partitions} (every owned one when null), reports
     * each committed offset to {@code committed}, and runs {@code thenLetGo} (may be null) before
     * anything more can be sent for the partitions.
     */
    void commit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean sync,
            Function<Collection<TopicPartition>, Map<TopicPartition, OffsetAndMetadata>> changed,
            BiConsumer<TopicPartition, OffsetAndMetadata> committed, Runnable thenLetGo);

    /** Whether commits can still happen (exactly-once: no transaction has failed). */
    boolean canCommit();

    /** Partitions were lost: whatever was to commit with them can never commit. */
    void lost(Collection<TopicPartition> partitions);
}
