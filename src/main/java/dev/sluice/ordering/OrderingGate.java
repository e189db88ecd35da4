package dev.sluice.ordering;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import dev.sluice.batching.MicroBatchChannel;
import dev.sluice.config.DedupeMode;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.InFlightRecord;
import dev.sluice.ingest.InFlightRecords;

/** Applies {@code sluice.ordering} between intake and the micro-batcher. */
@Singleton
public class OrderingGate {

    private final KeyScheduler scheduler;

    private final AtomicLong superseded = new AtomicLong();

    @Inject
    public OrderingGate(SluiceConfig config, MicroBatchChannel batches, InFlightRecords inFlight) {
        Consumer<InFlightRecord> onSuperseded = config.dedupe() == DedupeMode.LATEST_PER_KEY ? record -> {
            superseded.incrementAndGet();
            inFlight.ended(record); // Superseded by a newer record of its key: it ends without a result.
        } : null;
        this.scheduler = new KeyScheduler(config.ordering(), batches::offer, onSuperseded);
    }

    /** Records that ended unscored because a newer record of their key superseded them. */
    public long superseded() {
        return superseded.get();
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
