package dev.sluice.lifecycle;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Exactly-once delivery's commit path, implemented by the publish stage: the outcomes sent for the
 * records of one input topic and that topic's consumer offsets commit in one Kafka transaction.
 */
public interface TransactionalCommits {

    /**
     * On the consumer's polling thread: waits until everything sent for {@code inputTopic} is
     * acknowledged, then commits the offsets {@code offsets} gives (asked after that wait, so they
     * cover every acknowledged outcome) in the same transaction, and runs {@code thenLocked} before
     * anything more is sent. Returns the offsets committed. Throws when the transaction could not
     * commit: it is aborted, and this instance stops so that its records are read again from the
     * committed offsets.
     */
    Map<TopicPartition, OffsetAndMetadata> commit(String inputTopic, Consumer<?, ?> consumer,
            Supplier<Map<TopicPartition, OffsetAndMetadata>> offsets, Runnable thenLocked);

    /** The open transactions can no longer commit (partitions lost): abort them and stop. */
    void abandon(String why);

    /** A transaction failed: nothing more is sent or committed, and the instance is stopping. */
    boolean broken();
}
