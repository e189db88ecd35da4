package dev.sluice.publish;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.record.Sentiment;
import dev.sluice.record.SentimentRequest;

/**
 * Writes the contract's result JSON: {@code id, label, score, model, source, priority, metadata,
 * partition, offset, requestTimestamp, processedAt}. Streams with a generator: it runs once per
 * record.
 */
@Singleton
public class ResultWriter {

    private final ObjectMapper mapper;
    /** One buffer per worker thread, reused record after record; only the finished value is copied out. */
    private final ThreadLocal<ByteArrayBuilder> buffers = ThreadLocal.withInitial(() -> new ByteArrayBuilder(512));

    @Inject
    public ResultWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] write(InFlightRecord record, Sentiment sentiment, String modelId, long processedAt) {
        SentimentRequest request = record.request();
        ByteArrayBuilder out = buffers.get();
        out.reset();
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", request.id());
            json.writeStringField("label", sentiment.label().json());
            json.writeNumberField("score", sentiment.score());
            json.writeStringField("model", modelId);
            json.writeStringField("source", request.source());
            if (request.priority() != null) {
                json.writeStringField("priority", request.priority());
            }
            json.writeFieldName("metadata");
            if (request.metadata() == null) {
                json.writeNull();
            } else {
                mapper.writeTree(json, request.metadata());
            }
            json.writeNumberField("partition", record.originPartition());
            json.writeNumberField("offset", record.originOffset());
            json.writeNumberField("requestTimestamp", request.timestamp() != null ? request.timestamp() : record.recordTimestamp());
            json.writeNumberField("processedAt", processedAt);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write result JSON", e); // In-memory writes do not fail.
        }
        return out.toByteArray();
    }
}
