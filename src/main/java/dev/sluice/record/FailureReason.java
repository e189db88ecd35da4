package dev.sluice.record;

/** The {@code sluice-error-reason} header values of the contract. */
public enum FailureReason {

    INVALID_REQUEST("invalid-request"), TOO_LARGE("too-large"), PROCESSING_FAILED("processing-failed"), TIMEOUT("timeout");

    private final String header;

    FailureReason(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    /** Bad requests are dead-lettered at once: retrying cannot make them valid. */
    public boolean retryable() {
        return this == PROCESSING_FAILED || this == TIMEOUT;
    }
}
