package dev.sluice.lifecycle;

import java.util.Collection;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * At-least-once: the consumer commits the offsets, asynchronously on the interval (a failed
 * commit is simply retried at the next), synchronously on revocation and shutdown.
 */
final class ConsumerOffsetCommits implements OffsetCommits {

    private static final Logger LOG = Logger.getLogger(ConsumerOffsetCommits.class);

    private volatile boolean failing;

    @Override
    public void commit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean sync,
            Function<Collection<TopicPartition>, Map<TopicPartition, OffsetAndMetadata>> changed,
            BiConsumer<TopicPartition, OffsetAndMetadata> committed, Runnable thenLetGo) {
        Map<TopicPartition, OffsetAndMetadata> offsets = changed.apply(partitions);
        if (!offsets.isEmpty()) {
            if (sync) {
                consumer.commitSync(offsets);
                offsets.forEach(committed);
            } else {
                consumer.commitAsync(offsets, (done, error) -> {
                    if (error == null) {
                        if (failing) {
                            failing = false;
                            LOG.info("offset commits succeed again");
                        }
                        done.forEach(committed);
                    } else if (!failing) {
                        failing = true; // Said once per failing spell, not once per interval.
                        LOG.warnf("offset commit failed, retried every interval until it succeeds: %s", error.toString());
                    }
                });
            }
        }
        if (thenLetGo != null) {
            thenLetGo.run();
        }
    }

    @Override
    public boolean canCommit() {
        return true;
    }

    @Override
    public void lost(Collection<TopicPartition> partitions) {
        // Nothing was promised with them: their records are read again by the new owner.
    }
}
