package dev.sluice.lifecycle;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: attempt n waits {@code initial * 2^(n-1)}, capped at
 * {@code max}, of which the fraction {@code jitter} is drawn at random. SmallRye Fault
 * Tolerance's backoff retries a method call in its thread; these delays schedule a record's next
 * attempt, which no library here does, hence this class.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final double jitter;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, double jitter) {
        this(initial, max, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("sluice.retry.jitter must be within [0, 1], got " + jitter);
        }
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= sluice.retry.initial-backoff <= sluice.retry.max-backoff");
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
        this.random = random;
    }

    /** The wait before the attempt after {@code failedAttempts} failures (1 for the first retry). */
    public long delayMillis(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 40));
        double ceiling = Math.min((double) maxMillis, initialMillis * Math.pow(2, doublings));
        return Math.round(ceiling * (1 - jitter) + ceiling * jitter * random.getAsDouble());
    }
}
