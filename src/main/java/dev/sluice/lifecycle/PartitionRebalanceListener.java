package dev.sluice.lifecycle;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/** Hands the connector's rebalance callbacks (on the polling thread) to the record owner. */
@ApplicationScoped
@Identifier(PartitionRebalanceListener.NAME)
public class PartitionRebalanceListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "sluice-rebalance";

    private final RecordLifecycle lifecycle;

    @Inject
    public PartitionRebalanceListener(RecordLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lifecycle.assigned(partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lifecycle.revoked(consumer, partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lifecycle.lost(partitions);
    }
}
