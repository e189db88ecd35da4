package dev.sluice.inference;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.sluice.support.DaemonThreads;

/**
 * One thread that watches every model call for {@code sluice.batch.timeout}. A call runs on its
 * worker, with no hand-off to another thread; when it overruns, the watchdog reports its batch as
 * timed out (so its records move on whatever the model does) and interrupts the worker. Whichever
 * of the worker and the watchdog claims a call first reports its outcome; the other drops it. A
 * worker that ignores the interrupt stays counted as stuck until its call returns.
 */
public final class InferenceWatchdog implements AutoCloseable {

    /** One model call being watched. */
    public static final class Call {

        private final Thread worker = Thread.currentThread();
        private final long deadlineNanos;
        private final long startedNanos = System.nanoTime();
        private final int size;
        private final Consumer<TimeoutException> onTimeout;
        private boolean claimed;

        private Call(long timeoutNanos, int size, Consumer<TimeoutException> onTimeout) {
            this.deadlineNanos = startedNanos + timeoutNanos;
            this.size = size;
            this.onTimeout = onTimeout;
        }
    }

    private final long timeoutNanos;
    private final Set<Call> running = ConcurrentHashMap.newKeySet();
    private final Set<Call> stuck = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread = DaemonThreads.timer("sluice-inference-watchdog");

    public InferenceWatchdog(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("sluice.batch.timeout must be positive, got " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        long tickMicros = Math.max(1_000, Math.min(50_000, timeout.toNanos() / 4_000));
        thread.scheduleWithFixedDelay(this::expireOverdue, tickMicros, tickMicros, TimeUnit.MICROSECONDS);
    }

    /** Starts watching a call on the current thread; {@code onTimeout} runs on the watchdog if it overruns. */
    public Call start(int batchSize, Consumer<TimeoutException> onTimeout) {
        Call call = new Call(timeoutNanos, batchSize, onTimeout);
        running.add(call);
        return call;
    }

    /**
     * The call returned (or threw). True when the worker reports its outcome; false when the
     * watchdog already reported it as timed out (the worker's interrupt flag is then cleared).
     */
    public boolean finish(Call call) {
        boolean mine;
        synchronized (call) {
            mine = !call.claimed;
            call.claimed = true;
        }
        running.remove(call);
        if (!mine) {
            stuck.remove(call);
            Thread.interrupted(); // The watchdog's interrupt, delivered before the claim: not for the next batch.
        }
        return mine;
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (Call call : running) {
            if (now - call.deadlineNanos < 0) {
                continue;
            }
            synchronized (call) {
                if (call.claimed) {
                    continue;
                }
                call.claimed = true;
                call.worker.interrupt();
            }
            running.remove(call);
            stuck.add(call);
            call.onTimeout.accept(new TimeoutException(
                    "batch of " + call.size + " still in inference after " + Duration.ofNanos(timeoutNanos)));
        }
    }

    /** Calls past their timeout whose workers have not returned yet. */
    public int stuckCalls() {
        return stuck.size();
    }

    /** How long the oldest stuck call has been running, or zero when none is stuck. */
    public Duration oldestStuck() {
        long now = System.nanoTime();
        long oldest = 0;
        for (Call call : stuck) {
            oldest = Math.max(oldest, now - call.startedNanos);
        }
        return Duration.ofNanos(oldest);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
