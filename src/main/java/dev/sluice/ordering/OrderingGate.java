package dev.sluice.ordering;

import jakarta.inject.Singleton;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import dev.sluice.batching.MicroBatchChannel;
import dev.sluice.config.DedupeMode;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.InFlightRecord;
import dev.sluice.ingest.InFlightRecords;
import dev.sluice.ops.SluiceMetrics;

/** Applies {@code sluice.ordering} between intake and the micro-batcher. */
@Singleton
public class OrderingGate {

    private final KeyScheduler scheduler;

    @Inject
    public OrderingGate(SluiceConfig config, MicroBatchChannel batches, InFlightRecords inFlight, SluiceMetrics metrics) {
        Consumer<InFlightRecord> onSuperseded = config.dedupe() == DedupeMode.LATEST_PER_KEY ? record -> {
            metrics.deduplicated();
            inFlight.ended(record); // Superseded by a newer record of its key: it ends without a result.
        } : null;
        this.scheduler = new KeyScheduler(config.ordering(), batches::offer, onSuperseded);
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
