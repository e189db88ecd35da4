package dev.sluice.ordering;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import dev.sluice.batching.MicroBatchChannel;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.InFlightRecord;

/** Applies {@code sluice.ordering} between intake and the micro-batcher. */
@Singleton
public class OrderingGate {

    private final KeyScheduler scheduler;

    @Inject
    public OrderingGate(SluiceConfig config, MicroBatchChannel batches) {
        this.scheduler = new KeyScheduler(config.ordering(), batches::offer);
    }

    public void submit(InFlightRecord record) {
        scheduler.submit(record);
    }

    public void release(InFlightRecord record) {
        scheduler.release(record);
    }

    public int waiting() {
        return scheduler.waiting();
    }
}
