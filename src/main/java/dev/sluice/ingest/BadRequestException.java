package dev.sluice.ingest;

import dev.sluice.record.FailureReason;

/** A request that can never be scored; its message says exactly what is wrong with it. */
public final class BadRequestException extends Exception {

    private final FailureReason reason;

    public BadRequestException(FailureReason reason, String message) {
        super(message, null, false, false); // No stack trace: bad input is routine, not a bug.
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }
}
