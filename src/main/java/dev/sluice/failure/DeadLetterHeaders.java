package dev.sluice.failure;

/** Header names of the contract's dead-letter records. */
public final class DeadLetterHeaders {

    public static final String REASON = "sluice-error-reason";
    public static final String CLASS = "sluice-error-class";
    public static final String MESSAGE = "sluice-error-message";
    public static final String ORIGINAL_TOPIC = "sluice-original-topic";
    public static final String ORIGINAL_PARTITION = "sluice-original-partition";
    public static final String ORIGINAL_OFFSET = "sluice-original-offset";
    public static final String ATTEMPTS = "sluice-attempts";
    public static final String FIRST_FAILURE_MS = "sluice-first-failure-ms";
    public static final String LAST_FAILURE_MS = "sluice-last-failure-ms";
    public static final String REPLAY_COUNT = "sluice-replay-count";
    /** On retry-topic records only: epoch ms before which the record must not be retried. */
    public static final String RETRY_DUE_MS = "sluice-retry-due-ms";

    /** Every header sluice itself writes starts with this. */
    public static final String PREFIX = "sluice-";

    private DeadLetterHeaders() {
    }
}
