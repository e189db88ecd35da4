package dev.sluice.ops;

import java.util.List;

/** A client error a resource reports; {@link ProblemResponses} turns it into a {@link Problem}. */
public final class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<String> errors;

    public ProblemException(int status, String title, String detail, List<String> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public static ProblemException badRequest(String detail, List<String> errors) {
        return new ProblemException(400, "Bad Request", detail, errors);
    }

    Problem problem() {
        return Problem.of(status, title, getMessage(), errors);
    }
}
