package dev.sluice.replay;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.sluice.record.FailureReason;

/**
 * What to replay from the dead-letter topic. Every field is optional.
 *
 * @param reason only dead letters with this {@code sluice-error-reason}
 * @param fromMs only dead letters written at or after this epoch ms
 * @param toMs only dead letters written before this epoch ms
 * @param max replay at most this many (the scan stops there and resumes there next time)
 * @param rescan scan from the start of the topic, not from where the last replay stopped
 */
@RegisterForReflection
public record ReplayRequest(String reason, Long fromMs, Long toMs, Integer max, Boolean rescan) {

    public static final ReplayRequest ALL = new ReplayRequest(null, null, null, null, false);

    /** What is wrong with the request, one sentence per problem; empty when it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (reason != null && java.util.Arrays.stream(FailureReason.values()).noneMatch(r -> r.header().equals(reason))) {
            problems.add("reason must be one of invalid-request, too-large, processing-failed, timeout; got '" + reason + "'");
        }
        if (fromMs != null && toMs != null && fromMs > toMs) {
            problems.add("fromMs (" + fromMs + ") is after toMs (" + toMs + ")");
        }
        if (max != null && max < 1) {
            problems.add("max must be at least 1, got " + max);
        }
        return problems;
    }

    boolean matches(String recordReason, long timestamp) {
        return (reason == null || reason.equals(recordReason)) && (fromMs == null || timestamp >= fromMs)
                && (toMs == null || timestamp < toMs);
    }
}
