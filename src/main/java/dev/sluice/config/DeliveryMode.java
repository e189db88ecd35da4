package dev.sluice.config;

/** What a reader of the results topic may see after a crash, a restart or a rebalance. */
public enum DeliveryMode {
    /** Every request gets a result; a crash may repeat some (at most the in-flight records). */
    AT_LEAST_ONCE,
    /**
     * Kafka transactions: a reader with {@code isolation.level=read_committed} sees exactly one
     * result or dead letter per request.
     */
    EXACTLY_ONCE
}
