package dev.sluice.lifecycle;

import dev.sluice.config.SluiceConfig;
import dev.sluice.record.FailureReason;

/**
 * Decides what happens after a failed attempt. Bad requests go straight to the dead-letter topic.
 * Failed processing is retried with exponential backoff and jitter: the first
 * {@code sluice.retry.in-process-attempts} in process (the record keeps its place in its key's
 * lane, so order holds), then through the retry topic (its partition never stalls), and after
 * {@code sluice.retry.max-attempts} the record is dead-lettered.
 */
public final class RetryPolicy {

    /** What to do with a record after a failed attempt, and after how long. */
    public record Decision(Kind kind, long delayMillis) {
    }

    public enum Kind {
        RETRY_IN_PROCESS, RETRY_TOPIC, DEAD_LETTER
    }

    private final Backoff backoff;
    private final int maxAttempts;
    private final int inProcessAttempts;

    public RetryPolicy(Backoff backoff, int maxAttempts, int inProcessAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("sluice.retry.max-attempts must be at least 1, got " + maxAttempts);
        }
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.inProcessAttempts = inProcessAttempts;
    }

    static RetryPolicy of(SluiceConfig.Retry retry) {
        return new RetryPolicy(new Backoff(retry.initialBackoff(), retry.maxBackoff(), retry.jitter()), retry.maxAttempts(),
                retry.inProcessAttempts());
    }

    /** The decision after {@code failedAttempts} failed attempts, the latest for {@code reason}. */
    public Decision decide(FailureReason reason, int failedAttempts) {
        if (!reason.retryable() || failedAttempts >= maxAttempts) {
            return new Decision(Kind.DEAD_LETTER, 0);
        }
        long delay = backoff.delayMillis(failedAttempts);
        return new Decision(failedAttempts < inProcessAttempts ? Kind.RETRY_IN_PROCESS : Kind.RETRY_TOPIC, delay);
    }
}
