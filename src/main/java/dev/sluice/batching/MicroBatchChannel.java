package dev.sluice.batching;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.smallrye.mutiny.Multi;

import dev.sluice.config.SluiceConfig;
import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.lifecycle.ScoringQueue;

/** Publishes the micro-batches of ready records on the in-memory channel {@code micro-batches}. */
@Singleton
public class MicroBatchChannel implements ScoringQueue {

    public static final String CHANNEL = "micro-batches";

    private final MicroBatcher<InFlightRecord> batcher;

    @Inject
    public MicroBatchChannel(SluiceConfig config) {
        this.batcher = new MicroBatcher<>(config.batch().maxSize(), config.batch().linger());
    }

    @Outgoing(CHANNEL)
    public Multi<List<InFlightRecord>> batches() {
        return batcher.batches();
    }

    @Override
    public void offer(InFlightRecord record) {
        batcher.offer(record);
    }
}
