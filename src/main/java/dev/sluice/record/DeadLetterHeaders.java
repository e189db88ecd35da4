package dev.sluice.record;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The one codec of sluice's own {@code sluice-*} headers: their names, how they are read (anything
 * unreadable counts as absent) and written. Header bytes come from whoever can write to a topic, so
 * nothing here throws on them.
 */
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
    /**
     * On a replayed record and its later dead letters: the first dead letter of its chain
     * ({@code topic/partition/offset}), so a rescan replays each chain once, from its newest.
     */
    public static final String REPLAY_ORIGIN = "sluice-replay-origin";
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

    /** Numeric headers sluice reads back, with the range a value must be in to count. */
    private static final Map<String, long[]> RANGES = Map.of(ORIGINAL_PARTITION, new long[]{0, Integer.MAX_VALUE}, ORIGINAL_OFFSET,
            new long[]{0, Long.MAX_VALUE}, ATTEMPTS, new long[]{1, 1_000_000}, FIRST_FAILURE_MS, new long[]{0, Long.MAX_VALUE},
            LAST_FAILURE_MS, new long[]{0, Long.MAX_VALUE}, RETRY_DUE_MS, new long[]{0, Long.MAX_VALUE}, REPLAY_COUNT,
            new long[]{0, 1_000_000});
    private static final long[] ANY_NUMBER = {Long.MIN_VALUE, Long.MAX_VALUE};
    /** The keys of RANGES in a fixed order, so that a dead letter's message lists them the same way every time. */
    private static final List<String> READ_BACK = RANGES.keySet().stream().sorted().toList();

    /**
     * A header's value as sluice reads it: its last occurrence, UTF-8, not empty. Anything else
     * (missing, null, empty, bytes that are not UTF-8) is absent: null. Never throws, whatever a
     * producer put there.
     */
    public static String value(Headers headers, String key) {
        Header header = headers == null ? null : headers.lastHeader(key);
        return header == null ? null : text(header.value());
    }

    /**
     * A numeric header's value, or {@code absent} when it is absent, not a whole number, or out of
     * its range (a partition is 0 or more, attempts 1 or more, ...). Never throws.
     */
    public static long number(Headers headers, String key, long absent) {
        String value = value(headers, key);
        if (value == null) {
            return absent;
        }
        try {
            long number = Long.parseLong(value.trim());
            long[] range = RANGES.getOrDefault(key, ANY_NUMBER);
            return number < range[0] || number > range[1] ? absent : number;
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    /**
     * What {@link #value} and {@link #number} ignored of the {@code sluice-*} headers sluice reads,
     * one entry per header ({@code "sluice-replay-count: not a number"}): a dead letter's message
     * says so, so that an operator sees why a count or an origin was not taken over.
     */
    public static List<String> ignored(Headers headers) {
        List<String> ignored = new ArrayList<>();
        if (headers == null) {
            return ignored;
        }
        for (String key : READ_BACK) {
            Header header = headers.lastHeader(key);
            if (header == null) {
                continue;
            }
            byte[] bytes = header.value();
            String text = text(bytes);
            String problem = bytes == null ? "null value" : bytes.length == 0 ? "empty" : text == null ? "not UTF-8" : null;
            if (problem == null && number(headers, key, Long.MIN_VALUE) == Long.MIN_VALUE) {
                problem = isWholeNumber(text) ? "out of range" : "not a number";
            }
            if (problem != null) {
                ignored.add(key + ": " + problem);
            }
        }
        return ignored;
    }

    /** Writes a header as UTF-8. */
    public static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isWholeNumber(String text) {
        try {
            new java.math.BigInteger(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
