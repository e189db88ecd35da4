package dev.sluice.failure;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.sluice.ingest.InFlightRecord;
import dev.sluice.ordering.OrderingGate;

/** Decides what happens to a record that failed: bad requests go straight to the dead-letter topic. */
@Singleton
public class FailureHandler {

    private static final Logger LOG = Logger.getLogger(FailureHandler.class);

    private final DeadLetterPublisher deadLetters;
    private final OrderingGate ordering;

    @Inject
    public FailureHandler(DeadLetterPublisher deadLetters, OrderingGate ordering) {
        this.deadLetters = deadLetters;
        this.ordering = ordering;
    }

    public void failed(InFlightRecord record, FailureReason reason, Throwable cause) {
        record.failedAt(System.currentTimeMillis());
        if (reason.retryable()) {
            LOG.debugf(cause, "%s failed (%s) after %d attempt(s)", record, reason.header(), record.attempts());
        }
        deadLetters.publish(record, reason, cause);
        ordering.release(record);
    }
}
