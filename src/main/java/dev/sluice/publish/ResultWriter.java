package dev.sluice.publish;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.record.Label;
import dev.sluice.record.Sentiment;
import dev.sluice.record.SentimentRequest;

/**
 * Writes the contract's result JSON: {@code id, label, score, model, source, priority, metadata,
 * partition, offset, requestTimestamp, processedAt}. Streams with a generator: it runs once per
 * record.
 */
@Singleton
public class ResultWriter {

    // Field names and the few values every result repeats, UTF-8-encoded and escaped once.
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString LABEL = new SerializedString("label");
    private static final SerializableString SCORE = new SerializedString("score");
    private static final SerializableString MODEL = new SerializedString("model");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString PRIORITY = new SerializedString("priority");
    private static final SerializableString METADATA = new SerializedString("metadata");
    private static final SerializableString PARTITION = new SerializedString("partition");
    private static final SerializableString OFFSET = new SerializedString("offset");
    private static final SerializableString REQUEST_TIMESTAMP = new SerializedString("requestTimestamp");
    private static final SerializableString PROCESSED_AT = new SerializedString("processedAt");
    private static final SerializableString[] LABELS = java.util.Arrays.stream(Label.values()).map(l -> new SerializedString(l.json()))
            .toArray(SerializableString[]::new);

    private final ObjectMapper mapper;
    /** The last model id written and its encoded form: one model scores nearly every result. */
    private volatile ModelId lastModel = new ModelId("", new SerializedString(""));
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

    private record ModelId(String id, SerializableString json) {
    }

    /**
     * A generator, the buffer it writes into (root values follow each other without a separator)
     * and room for a score's digits.
     */
    private record ReusedGenerator(ByteArrayBuilder out, JsonGenerator json, char[] score) {
    }

    private ReusedGenerator newGenerator() {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try {
            JsonGenerator json = mapper.getFactory().createGenerator(out);
            json.setRootValueSeparator(null);
            return new ReusedGenerator(out, json, new char[MAX_SCORE_CHARS]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a JSON generator", e); // In-memory generators do not fail.
        }
    }

    private SerializableString modelJson(String modelId) {
        ModelId last = lastModel;
        if (!last.id().equals(modelId)) {
            last = new ModelId(modelId, new SerializedString(modelId));
            lastModel = last;
        }
        return last.json();
    }

    /** "-0.123456": a sign, the whole part, the point and {@link Sentiment#SCORE_DECIMALS} places. */
    static final int MAX_SCORE_CHARS = 3 + Sentiment.SCORE_DECIMALS;

    /**
     * Writes a score given in {@link Sentiment#SCORE_UNITS} as decimal digits into {@code out}, trailing
     * zeros dropped ("0.5", "-1.0", "0.000123"), and returns how many. Fixed-point from a whole number:
     * Jackson's double writer made a String per score, a sixth of the result's write (docs/BENCHMARKS.md).
     */
    static int scoreDigits(long units, char[] out) {
        int at = 0;
        long magnitude = units;
        if (magnitude < 0) {
            out[at++] = '-';
            magnitude = -magnitude;
        }
        out[at++] = (char) ('0' + magnitude / Sentiment.SCORE_UNITS);
        out[at++] = '.';
        long fraction = magnitude % Sentiment.SCORE_UNITS;
        if (fraction == 0) {
            out[at++] = '0';
            return at;
        }
        int places = Sentiment.SCORE_DECIMALS;
        while (fraction % 10 == 0) {
            fraction /= 10;
            places--;
        }
        for (int i = at + places - 1; i >= at; i--) {
            out[i] = (char) ('0' + fraction % 10);
            fraction /= 10;
        }
        return at + places;
    }

    public byte[] write(InFlightRecord record, Sentiment sentiment, String modelId, long processedAt) {
        SentimentRequest request = record.request();
        ReusedGenerator generator = generators.get();
        JsonGenerator json = generator.json();
        try {
            json.writeStartObject();
            json.writeFieldName(ID);
            json.writeString(request.id());
            json.writeFieldName(LABEL);
            json.writeString(LABELS[sentiment.label().ordinal()]);
            json.writeFieldName(SCORE);
            json.writeNumber(generator.score(), 0, scoreDigits(sentiment.scoreUnits(), generator.score()));
            json.writeFieldName(MODEL);
            json.writeString(modelJson(modelId));
            json.writeFieldName(SOURCE);
            json.writeString(request.source());
            if (request.priority() != null) {
                json.writeFieldName(PRIORITY);
                json.writeString(request.priority());
            }
            json.writeFieldName(METADATA);
            if (request.metadata() == null) {
                json.writeNull();
            } else {
                mapper.writeTree(json, request.metadata());
            }
            json.writeFieldName(PARTITION);
            json.writeNumber(record.originPartition());
            json.writeFieldName(OFFSET);
            json.writeNumber(record.originOffset());
            json.writeFieldName(REQUEST_TIMESTAMP);
            json.writeNumber(request.timestamp() != null ? request.timestamp() : record.recordTimestamp());
            json.writeFieldName(PROCESSED_AT);
            json.writeNumber(processedAt);
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
