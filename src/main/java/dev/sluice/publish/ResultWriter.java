package dev.sluice.publish;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
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
    /**
     * One generator per thread, writing record after record into one buffer: a generator per record
     * cost more than the rest of the write (measured: docs/BENCHMARKS.md). Only the finished value is
     * copied out.
     */
    private final ThreadLocal<ReusedGenerator> generators = ThreadLocal.withInitial(this::newGenerator);

    @Inject
    public ResultWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A generator and the buffer it writes into; root values follow each other without a separator. */
    private record ReusedGenerator(ByteArrayBuilder out, JsonGenerator json) {
    }

    private ReusedGenerator newGenerator() {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try {
            JsonGenerator json = mapper.getFactory().createGenerator(out);
            json.setRootValueSeparator(null);
            // Schubfach instead of the JDK's Double.toString: the score is the one double of every result.
            json.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
            return new ReusedGenerator(out, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a JSON generator", e); // In-memory generators do not fail.
        }
    }

    public byte[] write(InFlightRecord record, Sentiment sentiment, String modelId, long processedAt) {
        SentimentRequest request = record.request();
        ReusedGenerator generator = generators.get();
        JsonGenerator json = generator.json();
        try {
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
            json.flush();
            return generator.out().toByteArray();
        } catch (IOException | RuntimeException e) {
            generators.remove(); // Stopped inside a value: the next record starts on a fresh generator.
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot write result JSON", io); // In-memory writes do not fail.
            }
            throw (RuntimeException) e;
        } finally {
            generator.out().reset();
        }
    }
}
