package dev.sluice.ingest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

import dev.sluice.config.SluiceConfig;

/**
 * The in-flight budget ({@code sluice.max-in-flight}) and the one place a record ends. Intake
 * waits for room in the budget; while it waits, the connector stops requesting and pauses the
 * partitions, so memory stays bounded without an unbounded queue anywhere.
 */
@Singleton
public class InFlightRecords {

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile CompletableFuture<Void> room = CompletableFuture.completedFuture(null);

    @Inject
    public InFlightRecords(SluiceConfig config) {
        this(config.maxInFlight());
    }

    public InFlightRecords(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("sluice.max-in-flight must be at least 1, got " + max);
        }
        this.max = max;
    }

    /** Counts a record taken in. */
    public void admit() {
        inFlight.incrementAndGet();
    }

    /** Completes when the budget has room for more intake. */
    public synchronized Uni<Void> awaitRoom() {
        if (inFlight.get() < max) {
            return Uni.createFrom().voidItem();
        }
        if (room.isDone()) {
            room = new CompletableFuture<>();
        }
        CompletableFuture<Void> wait = room;
        // Re-check: a release may have happened before the future was published.
        if (inFlight.get() < max) {
            wait.complete(null);
        }
        return Uni.createFrom().completionStage(wait);
    }

    /** The record ended (result acknowledged or dead-lettered): its offset may be committed. */
    public void ended(InFlightRecord record) {
        record.tracker().markDone(record.offset());
        release();
    }

    /** The record's partition was revoked: it leaves the budget but its offset is not ours to commit. */
    public void abandoned(InFlightRecord record) {
        release();
    }

    private void release() {
        if (inFlight.decrementAndGet() < max) {
            CompletableFuture<Void> wait = room;
            if (!wait.isDone()) {
                wait.complete(null);
            }
        }
    }

    public int count() {
        return inFlight.get();
    }

    public int max() {
        return max;
    }
}
