package dev.sluice.lifecycle;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.Uni;

/**
 * An in-flight budget: {@code sluice.max-in-flight} for requests, {@code sluice.retry.max-waiting}
 * for records read back from the retry topic, so that waiting retries never pause requests. A record
 * holds its place from intake until a commit passes its offset, so the budget bounds both memory
 * and what a crash can make sluice do twice. Intake waits for room; while it waits, the connector
 * stops requesting and pauses the partitions: no unbounded queue anywhere.
 */
public final class InFlightBudget {

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile CompletableFuture<Void> room = CompletableFuture.completedFuture(null);

    public InFlightBudget(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("an in-flight budget must be at least 1, got " + max);
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
