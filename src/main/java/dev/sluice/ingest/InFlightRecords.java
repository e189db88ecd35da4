package dev.sluice.ingest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

import dev.sluice.config.SluiceConfig;

/**
 * The in-flight budget ({@code sluice.max-in-flight}) and the one place a record ends. A record
 * holds its place from intake until a commit passes its offset, so the budget bounds both memory
 * and what a crash can make sluice do twice. Intake waits for room; while it waits, the connector
 * stops requesting and pauses the partitions: no unbounded queue anywhere.
 */
@Singleton
public class InFlightRecords {

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastEndedNanos = System.nanoTime();
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
        lastEndedNanos = System.nanoTime();
    }

    /** When a record last ended (System.nanoTime), or when the budget was created. */
    public long lastEndedNanos() {
        return lastEndedNanos;
    }

    /** Records left the budget: a commit passed them, or their partition was revoked. */
    public void release(int records) {
        if (records <= 0) {
            return;
        }
        if (inFlight.addAndGet(-records) < max) {
            CompletableFuture<Void> wait = room;
            if (!wait.isDone()) {
                wait.complete(null);
            }
        }
    }

    /** Whether half the budget is taken: time to commit rather than wait for the interval. */
    public boolean underPressure() {
        return inFlight.get() >= max / 2;
    }

    public int count() {
        return inFlight.get();
    }
}
