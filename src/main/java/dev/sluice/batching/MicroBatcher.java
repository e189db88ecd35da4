package dev.sluice.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Groups items into micro-batches: a batch closes when it holds {@code maxSize} items, when
 * {@code linger} has passed since its first item, or when {@link #flush} says that nothing more is
 * coming for now (intake has handed on a whole poll), whichever comes first. So an item waits for
 * batch mates only while they are arriving, never longer than the linger. {@link #offer} and
 * {@link #flush} may be called from any thread; Mutiny carries the batches. Memory stays bounded
 * because records are admitted upstream only within the in-flight budget.
 * <p>
 * Not Mutiny's {@code group().intoLists().of(size, linger)}: it cannot close a batch on a signal.
 */
public final class MicroBatcher<T> {

    private final int maxSize;
    private final long lingerNanos;
    private final ScheduledExecutorService timer;
    private final AtomicReference<MultiEmitter<? super List<T>>> emitter = new AtomicReference<>();
    private final Object lock = new Object();
    /** The batch items are joining; null while none is open. Guarded by {@link #lock}. */
    private List<T> open;
    /** Counts opened batches, so that a linger timer of a batch already closed does nothing. */
    private long opened;
    /** Batches closed before the stream is subscribed (intake can start first); handed over on subscription. */
    private final List<List<T>> early = new ArrayList<>();

    public MicroBatcher(int maxSize, Duration linger) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("batch max-size must be at least 1, got " + maxSize);
        }
        if (linger.isNegative() || linger.isZero()) {
            throw new IllegalArgumentException("batch linger must be positive, got " + linger);
        }
        this.maxSize = maxSize;
        this.lingerNanos = linger.toNanos();
        this.timer = Infrastructure.getDefaultWorkerPool(); // The pool Mutiny's own grouping times its lingers on.
    }

    /** The stream of batches; subscribe once. */
    public Multi<List<T>> batches() {
        return Multi.createFrom().<List<T>>emitter(e -> {
            synchronized (early) {
                if (!emitter.compareAndSet(null, e)) {
                    e.fail(new IllegalStateException("micro-batches may be subscribed once"));
                    return;
                }
                early.forEach(e::emit);
                early.clear();
            }
        }, BackPressureStrategy.BUFFER)
                // The worker pool asks for only as many batches as it has workers: closed batches wait
                // here. A bounded buffer would fail the stream under a backlog; the in-flight budget
                // upstream already bounds what can wait.
                .onOverflow().bufferUnconditionally();
    }

    public void offer(T item) {
        List<T> full = null;
        synchronized (lock) {
            if (open == null) {
                open = new ArrayList<>(Math.min(maxSize, 256));
                long batch = ++opened;
                // One timer per batch, never cancelled: a batch closed sooner makes it a no-op.
                timer.schedule(() -> lingerEnded(batch), lingerNanos, TimeUnit.NANOSECONDS);
            }
            open.add(item);
            if (open.size() >= maxSize) {
                full = open;
                open = null;
            }
        }
        if (full != null) {
            emit(full);
        }
    }

    /** Closes the open batch now: what was offered is all that is coming for the moment. */
    public void flush() {
        List<T> batch;
        synchronized (lock) {
            batch = open;
            open = null;
        }
        if (batch != null) {
            emit(batch);
        }
    }

    private void lingerEnded(long batch) {
        List<T> closed = null;
        synchronized (lock) {
            if (open != null && opened == batch) {
                closed = open;
                open = null;
            }
        }
        if (closed != null) {
            emit(closed);
        }
    }

    private void emit(List<T> batch) {
        MultiEmitter<? super List<T>> target = emitter.get();
        if (target == null) {
            synchronized (early) {
                target = emitter.get();
                if (target == null) {
                    early.add(batch); // Bounded by the in-flight budget like everything else.
                    return;
                }
            }
        }
        target.emit(batch);
    }
}
