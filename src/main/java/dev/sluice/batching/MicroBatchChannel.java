package dev.sluice.batching;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.smallrye.mutiny.Multi;

import dev.sluice.config.SluiceConfig;
import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.lifecycle.ScoringQueue;

/**
 * Publishes the micro-batches on the in-memory channel {@code micro-batches}: records from Kafka
 * and texts posted to {@code POST /api/score} share one batcher, so both see the same batch size,
 * linger and model calls.
 */
@Singleton
public class MicroBatchChannel implements ScoringQueue {

    public static final String CHANNEL = "micro-batches";

    /** Holds InFlightRecord and PendingScore alike: one wrapper per record would cost an allocation on the hot path. */
    private final MicroBatcher<Object> batcher;

    @Inject
    public MicroBatchChannel(SluiceConfig config) {
        this.batcher = new MicroBatcher<>(config.batch().maxSize(), config.batch().linger());
    }

    @Outgoing(CHANNEL)
    public Multi<MicroBatch> batches() {
        return batcher.batches().map(MicroBatch::of);
    }

    @Override
    public void offer(InFlightRecord record) {
        batcher.offer(record);
    }

    @Override
    public void flush() {
        batcher.flush();
    }

    /** Queues a text for the next micro-batch; its outcome completes once the batch is scored. */
    public void offer(PendingScore text) {
        batcher.offer(text);
    }
}
