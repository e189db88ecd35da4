package dev.sluice.publish;

import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.record.DeadLetterHeaders;
import dev.sluice.record.FailureReason;

/**
 * The headers a failed record carries to the retry or dead-letter topic: the caller's own headers,
 * then the contract's {@code sluice-*} ones (a replay count and origin survive; other sluice headers are
 * written afresh). Every {@code sluice-*} value is read through {@link DeadLetterHeaders}, which
 * takes unreadable ones as absent; the message says which were ignored.
 */
public final class FailureHeaders {

    private static final int MAX_MESSAGE_CHARS = 1024;

    private FailureHeaders() {
    }

    public static Headers of(InFlightRecord record, FailureReason reason, Throwable cause) {
        Headers headers = new RecordHeaders();
        if (record.headers() != null) {
            for (Header header : record.headers()) {
                if (!header.key().startsWith(DeadLetterHeaders.PREFIX)) {
                    headers.add(header);
                }
            }
        }
        return withSluiceHeaders(headers, record, reason, cause);
    }

    /**
     * The same without the caller's headers: for the dead letter of a record whose headers could
     * not be written out, so that it still ends and its partition goes on.
     */
    public static Headers withoutCallerHeaders(InFlightRecord record, FailureReason reason, Throwable cause) {
        return withSluiceHeaders(new RecordHeaders(), record, reason, cause);
    }

    private static Headers withSluiceHeaders(Headers headers, InFlightRecord record, FailureReason reason, Throwable cause) {
        List<String> ignored = DeadLetterHeaders.ignored(record.headers());
        String message = String.valueOf(cause.getMessage())
                + (ignored.isEmpty() ? "" : " [ignored headers: " + String.join("; ", ignored) + "]");
        DeadLetterHeaders.add(headers, DeadLetterHeaders.REASON, reason.header());
        DeadLetterHeaders.add(headers, DeadLetterHeaders.CLASS, cause.getClass().getName());
        DeadLetterHeaders.add(headers, DeadLetterHeaders.MESSAGE, truncate(message));
        DeadLetterHeaders.add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.originTopic());
        DeadLetterHeaders.add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.originPartition()));
        DeadLetterHeaders.add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.originOffset()));
        DeadLetterHeaders.add(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(record.attempts()));
        DeadLetterHeaders.add(headers, DeadLetterHeaders.FIRST_FAILURE_MS, Long.toString(record.firstFailureMs()));
        DeadLetterHeaders.add(headers, DeadLetterHeaders.LAST_FAILURE_MS, Long.toString(record.lastFailureMs()));
        long replayCount = DeadLetterHeaders.number(record.headers(), DeadLetterHeaders.REPLAY_COUNT, -1);
        if (replayCount >= 0) {
            DeadLetterHeaders.add(headers, DeadLetterHeaders.REPLAY_COUNT, Long.toString(replayCount));
        }
        String replayOrigin = DeadLetterHeaders.value(record.headers(), DeadLetterHeaders.REPLAY_ORIGIN);
        if (replayOrigin != null) {
            DeadLetterHeaders.add(headers, DeadLetterHeaders.REPLAY_ORIGIN, replayOrigin);
        }
        return headers;
    }

    /** The dead letter of a value the broker refused at full size: no value, its size in headers. */
    public static Headers truncated(Headers headers, int originalValueBytes) {
        Headers out = new RecordHeaders(headers.toArray());
        DeadLetterHeaders.add(out, DeadLetterHeaders.VALUE_TRUNCATED, "true");
        DeadLetterHeaders.add(out, DeadLetterHeaders.ORIGINAL_VALUE_BYTES, Integer.toString(originalValueBytes));
        return out;
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
