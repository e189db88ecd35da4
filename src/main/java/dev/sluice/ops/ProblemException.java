package dev.sluice.ops;

import java.util.List;

/** A client error a resource reports; {@link ProblemResponses} turns it into a {@link Problem}. */
public final class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<String> errors;
    /** Seconds a client should wait before trying again (429, 503); 0 when the answer says nothing of it. */
    private int retryAfterSeconds;

    public ProblemException(int status, String title, String detail, List<String> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public static ProblemException badRequest(String detail, List<String> errors) {
        return new ProblemException(400, "Bad Request", detail, errors);
    }

    /** The same problem, answered with a {@code Retry-After} header. */
    public ProblemException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    Problem problem() {
        return Problem.of(status, title, getMessage(), errors);
    }
}
