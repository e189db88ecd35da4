package dev.sluice.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Groups records into micro-batches with Mutiny: a batch closes when it holds {@code maxSize}
 * items or when {@code linger} has passed, whichever comes first. {@link #offer} may be called
 * from any thread. Memory stays bounded because records are admitted upstream only within the
 * in-flight budget.
 */
public final class MicroBatcher<T> {

    private final int maxSize;
    private final Duration linger;
    private final AtomicReference<MultiEmitter<? super T>> emitter = new AtomicReference<>();
    /** Records offered before the stream is subscribed (intake can start first); handed over on subscription. */
    private final List<T> early = new ArrayList<>();

    public MicroBatcher(int maxSize, Duration linger) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("batch max-size must be at least 1, got " + maxSize);
        }
        if (linger.isNegative() || linger.isZero()) {
            throw new IllegalArgumentException("batch linger must be positive, got " + linger);
        }
        this.maxSize = maxSize;
        this.linger = linger;
    }

    /** The stream of batches; subscribe once. */
    public Multi<List<T>> batches() {
        return Multi.createFrom().<T>emitter(e -> {
            synchronized (early) {
                if (!emitter.compareAndSet(null, e)) {
                    e.fail(new IllegalStateException("micro-batches may be subscribed once"));
                    return;
                }
                early.forEach(e::emit);
                early.clear();
            }
        }, BackPressureStrategy.BUFFER)
                .group().intoLists().of(maxSize, linger)
                // Grouping emits on a timer whatever the demand, and the worker pool asks for only as many
                // batches as it has workers: closed batches wait here. A bounded buffer would fail the
                // stream under a backlog; the in-flight budget upstream already bounds what can wait.
                .onOverflow().bufferUnconditionally();
    }

    public void offer(T item) {
        MultiEmitter<? super T> target = emitter.get();
        if (target == null) {
            synchronized (early) {
                target = emitter.get();
                if (target == null) {
                    early.add(item); // Bounded by the in-flight budget like everything else.
                    return;
                }
            }
        }
        target.emit(item);
    }
}
