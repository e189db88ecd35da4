package dev.sluice.record;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) as Kafka headers: what a request
 * carries goes on to its result, so a platform's tracing follows the request through sluice. Retry
 * and dead-letter records keep every caller header, these included. Like every header, they come
 * from whoever writes to the topic: a {@code traceparent} that is not valid W3C is dropped (the
 * specification's rule), and {@code tracestate} goes only with a valid one.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** version 00-fe, 32 hex trace id, 16 hex parent id, 2 hex flags; version 00 has nothing after them. */
    private static final Pattern VALID = Pattern.compile("(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");
    /** The specification's limit of list members (32) at its longest member size, rounded: anything longer is not tracestate. */
    private static final int MAX_TRACESTATE_CHARS = 8192;

    private TraceContext() {
    }

    /** The trace headers of a result, from its request's headers; null when the request carried no valid trace context. */
    public static Headers forResult(Headers request) {
        String parent = DeadLetterHeaders.value(request, TRACEPARENT);
        if (parent == null || !valid(parent)) {
            return null;
        }
        Headers out = new RecordHeaders();
        out.add(TRACEPARENT, parent.getBytes(StandardCharsets.UTF_8));
        String state = DeadLetterHeaders.value(request, TRACESTATE);
        if (state != null && state.length() <= MAX_TRACESTATE_CHARS) {
            out.add(TRACESTATE, state.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    static boolean valid(String traceparent) {
        return traceparent.length() >= 55 && VALID.matcher(traceparent).matches()
                && (!traceparent.startsWith("00") || traceparent.length() == 55);
    }
}
