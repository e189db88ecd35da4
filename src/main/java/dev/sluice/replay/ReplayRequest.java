package dev.sluice.replay;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.sluice.record.FailureReason;

/**
 * What to replay from the dead-letter topic: at least one criterion ({@code reason}, {@code fromMs},
 * {@code toMs}) or {@code "all": true}, so that an empty or mistyped body never replays the whole
 * topic. At most {@code max} (default {@value #DEFAULT_MAX}) records are replayed per call.
 *
 * @param reason only dead letters with this {@code sluice-error-reason}
 * @param fromMs only dead letters written at or after this epoch ms
 * @param toMs only dead letters written before this epoch ms
 * @param max replay at most this many (the scan stops there and resumes there next time)
 * @param rescan scan from the start of the topic, not from where the last replay stopped
 * @param all replay whatever the reason and time (the criteria above still narrow it)
 */
@RegisterForReflection
public record ReplayRequest(String reason, Long fromMs, Long toMs, Integer max, Boolean rescan, Boolean all) {

    public static final int DEFAULT_MAX = 1000;
    public static final int LARGEST_MAX = 100_000;
    /** The scheduled replay: everything that is not parked, from where the last replay stopped. */
    public static final ReplayRequest ALL = new ReplayRequest(null, null, null, LARGEST_MAX, false, true);

    /** How many records this request may replay at most. */
    public int limit() {
        return max == null ? DEFAULT_MAX : max;
    }

    /** What is wrong with the request, one sentence per problem; empty when it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (reason != null && java.util.Arrays.stream(FailureReason.values()).noneMatch(r -> r.header().equals(reason))) {
            problems.add("reason must be one of invalid-request, too-large, processing-failed, timeout; got '" + reason + "'");
        }
        if (fromMs != null && toMs != null && fromMs > toMs) {
            problems.add("fromMs (" + fromMs + ") is after toMs (" + toMs + ")");
        }
        if (max != null && (max < 1 || max > LARGEST_MAX)) {
            problems.add("max must be within 1 and " + LARGEST_MAX + ", got " + max);
        }
        if (reason == null && fromMs == null && toMs == null && !Boolean.TRUE.equals(all)) {
            problems.add("give a reason, fromMs or toMs, or \"all\": true to replay every dead letter");
        }
        return problems;
    }

    boolean matches(String recordReason, long timestamp) {
        return (reason == null || reason.equals(recordReason)) && (fromMs == null || timestamp >= fromMs)
                && (toMs == null || timestamp < toMs);
    }
}
