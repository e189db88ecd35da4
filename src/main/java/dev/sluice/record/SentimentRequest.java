package dev.sluice.record;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A valid request: {@code id} and {@code text} are present; optional fields are null when absent.
 *
 * @param timestamp epoch milliseconds when the request was made, or null
 */
public record SentimentRequest(String id, String text, Long timestamp, String source, String priority, ObjectNode metadata) {
}
