package dev.sluice.ingest;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.config.SluiceConfig;
import dev.sluice.record.FailureReason;
import dev.sluice.record.SentimentRequest;

/**
 * Turns a request value into a {@link SentimentRequest} or says why it is bad. Streams over the
 * JSON rather than building a tree: it runs once per record on the hot path. Unknown fields are
 * skipped; an optional field of the wrong type is treated as absent.
 */
@Singleton
public class RequestParser {

    public static final int MAX_ID_LENGTH = 128;

    private final ObjectMapper mapper;
    private final int maxRequestBytes;

    @Inject
    public RequestParser(ObjectMapper mapper, SluiceConfig config) {
        this(mapper, config.maxRequestBytes());
    }

    public RequestParser(ObjectMapper mapper, int maxRequestBytes) {
        this.mapper = mapper;
        this.maxRequestBytes = maxRequestBytes;
    }

    public SentimentRequest parse(byte[] value) throws BadRequestException {
        if (value == null) {
            throw new BadRequestException(FailureReason.INVALID_REQUEST, "record value is null");
        }
        if (value.length > maxRequestBytes) {
            throw new BadRequestException(FailureReason.TOO_LARGE,
                    "record value is " + value.length + " bytes, over sluice.max-request-bytes=" + maxRequestBytes);
        }
        try (JsonParser parser = mapper.createParser(value)) {
            return readRequest(parser);
        } catch (BadRequestException e) {
            throw e;
        } catch (IOException e) {
            throw new BadRequestException(FailureReason.INVALID_REQUEST,
                    "not valid JSON: " + firstLine(e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()));
        }
    }

    private SentimentRequest readRequest(JsonParser parser) throws IOException, BadRequestException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new BadRequestException(FailureReason.INVALID_REQUEST,
                    "request must be a JSON object, got " + (first == null ? "nothing" : describe(first)));
        }
        String id = null;
        String text = null;
        boolean textSeen = false;
        Long timestamp = null;
        String source = null;
        String priority = null;
        ObjectNode metadata = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken valueToken = parser.nextToken();
            switch (field) {
                case "id" -> {
                    if (valueToken != JsonToken.VALUE_STRING) {
                        throw new BadRequestException(FailureReason.INVALID_REQUEST,
                                "field 'id' must be a string, got " + describe(valueToken));
                    }
                    id = parser.getText();
                }
                case "text" -> {
                    if (valueToken != JsonToken.VALUE_STRING) {
                        throw new BadRequestException(FailureReason.INVALID_REQUEST,
                                "field 'text' must be a string, got " + describe(valueToken));
                    }
                    text = parser.getText();
                    textSeen = true;
                }
                case "timestamp" -> timestamp = valueToken == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : skip(parser, null);
                case "source" -> source = valueToken == JsonToken.VALUE_STRING ? parser.getText() : skip(parser, null);
                case "priority" -> priority = valueToken == JsonToken.VALUE_STRING ? parser.getText() : skip(parser, null);
                case "metadata" -> {
                    if (valueToken == JsonToken.START_OBJECT) {
                        JsonNode node = mapper.readTree(parser);
                        metadata = (ObjectNode) node;
                    } else {
                        skip(parser, null);
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new BadRequestException(FailureReason.INVALID_REQUEST, "malformed JSON object");
        }
        if (parser.nextToken() != null) {
            throw new BadRequestException(FailureReason.INVALID_REQUEST, "unexpected content after the JSON object");
        }
        if (id == null) {
            throw new BadRequestException(FailureReason.INVALID_REQUEST, "missing required field 'id'");
        }
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new BadRequestException(FailureReason.INVALID_REQUEST,
                    "field 'id' must have 1 to " + MAX_ID_LENGTH + " characters, got " + id.length());
        }
        if (!textSeen) {
            throw new BadRequestException(FailureReason.INVALID_REQUEST, "missing required field 'text'");
        }
        return new SentimentRequest(id, text, timestamp, source, priority, metadata);
    }

    private static <T> T skip(JsonParser parser, T absent) throws IOException {
        parser.skipChildren();
        return absent;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
