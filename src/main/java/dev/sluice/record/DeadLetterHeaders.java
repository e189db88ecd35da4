package dev.sluice.record;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Header names of the contract's dead-letter records. */
public final class DeadLetterHeaders {

    public static final String REASON = "sluice-error-reason";
    public static final String CLASS = "sluice-error-class";
    public static final String MESSAGE = "sluice-error-message";
    public static final String ORIGINAL_TOPIC = "sluice-original-topic";
    public static final String ORIGINAL_PARTITION = "sluice-original-partition";
    public static final String ORIGINAL_OFFSET = "sluice-original-offset";
    public static final String ATTEMPTS = "sluice-attempts";
    public static final String FIRST_FAILURE_MS = "sluice-first-failure-ms";
    public static final String LAST_FAILURE_MS = "sluice-last-failure-ms";
    public static final String REPLAY_COUNT = "sluice-replay-count";
    /** On retry-topic records only: epoch ms before which the record must not be retried. */
    public static final String RETRY_DUE_MS = "sluice-retry-due-ms";
    /** On a dead letter the broker refused at full size: written with a null value instead. */
    public static final String VALUE_TRUNCATED = "sluice-value-truncated";
    /** With {@link #VALUE_TRUNCATED}: the size of the original value in bytes. */
    public static final String ORIGINAL_VALUE_BYTES = "sluice-original-value-bytes";

    /** Every header sluice itself writes starts with this. */
    public static final String PREFIX = "sluice-";

    private DeadLetterHeaders() {
    }

    /** A header's UTF-8 value, or null. */
    public static String value(Headers headers, String key) {
        Header header = headers == null ? null : headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A numeric header's value, or {@code absent} when it is missing or not a number (a record edited by hand). */
    public static long number(Headers headers, String key, long absent) {
        String value = value(headers, key);
        if (value == null) {
            return absent;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return absent;
        }
    }
}
