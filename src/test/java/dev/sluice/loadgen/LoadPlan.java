package dev.sluice.loadgen;

import java.time.Duration;

/**
 * What a run does: {@code producers} threads each send {@code messagesPerProducer} requests, one
 * every {@code spacingMs} (fractions allowed; 0: as fast as possible), keyed by {@code keys}; {@code readers} read
 * the results. The readers give up {@code bufferMs} after the last planned send.
 */
public record LoadPlan(String bootstrap, String requestsTopic, String resultsTopic, int producers, int readers,
        int messagesPerProducer, double spacingMs, KeyDistribution keys, int keyCount, long bufferMs) {

    public LoadPlan {
        if (producers < 1 || readers < 1 || messagesPerProducer < 1) {
            throw new IllegalArgumentException("producers, readers and messages per producer must each be at least 1");
        }
        if (spacingMs < 0 || bufferMs < 0 || keyCount < 1) {
            throw new IllegalArgumentException("spacing and buffer must not be negative, keys at least 1");
        }
    }

    public long expected() {
        return (long) producers * messagesPerProducer;
    }

    /** The readers' deadline after the first send: every planned send plus the buffer. */
    public Duration timer() {
        return Duration.ofMillis(Math.round(messagesPerProducer * spacingMs) + bufferMs);
    }
}
