package dev.sluice.ops;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one error body of every 4xx answer: RFC 9457 problem details ({@code type}, {@code title},
 * {@code status}, {@code detail}) with an {@code errors} member listing each problem found, and
 * never a stack trace or a library's message.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail, List<String> errors) {
        return new Problem("about:blank", title, status, detail, errors == null || errors.isEmpty() ? null : List.copyOf(errors));
    }
}
