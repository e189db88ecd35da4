package dev.sluice.publish;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One transactional producer and its transaction's rhythm: sends share the producer (read lock),
 * a commit has it alone (write lock) so that nothing slips in between the flush that acknowledges
 * every send and the commit that makes them visible with their offsets. A transaction begins with
 * its first send or offsets, not before, so an idle instance commits nothing.
 */
final class TransactionFlow {

    private final Producer<byte[], byte[]> producer;
    private final String transactionalId;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Whether a transaction is open; set under the read lock (by the first sender), cleared under the write lock. */
    private boolean open;

    TransactionFlow(Map<String, Object> props) {
        this.transactionalId = (String) props.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producer = new KafkaProducer<>(props);
        producer.initTransactions(); // Fences this id's previous incarnation and aborts what it left open.
    }

    String transactionalId() {
        return transactionalId;
    }

    /** Sends in the open transaction if {@code stillWanted} holds once no commit is running. */
    boolean send(BooleanSupplier stillWanted, ProducerRecord<byte[], byte[]> out, Callback callback) {
        lock.readLock().lock();
        try {
            if (!stillWanted.getAsBoolean()) {
                return false;
            }
            begin();
            producer.send(out, callback);
            return true;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Flushes, asks for the offsets, commits them with what was sent, runs {@code thenLocked}.
     * Returns the offsets committed, or null when there was no transaction to commit.
     */
    Map<TopicPartition, OffsetAndMetadata> commit(Supplier<ConsumerGroupMetadata> group,
            Supplier<Map<TopicPartition, OffsetAndMetadata>> offsets,
            Runnable thenLocked) {
        lock.writeLock().lock();
        try {
            producer.flush();
            Map<TopicPartition, OffsetAndMetadata> positions = offsets.get();
            if (!positions.isEmpty()) {
                begin();
                producer.sendOffsetsToTransaction(positions, group.get());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = null;
            if (open) {
                producer.commitTransaction();
                open = false;
                committed = positions;
            }
            thenLocked.run();
            return committed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private synchronized void begin() {
        if (!open) {
            producer.beginTransaction();
            open = true;
        }
    }

    void abortQuietly() {
        try {
            if (open) {
                producer.abortTransaction();
            }
        } catch (RuntimeException e) {
            // Fenced or closed: the broker aborts it (or its successor's initTransactions does).
        }
    }

    void close(Duration timeout) {
        producer.close(timeout);
    }
}
