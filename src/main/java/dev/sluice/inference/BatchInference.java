package dev.sluice.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;

import dev.sluice.batching.MicroBatchChannel;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.BadRequestException;
import dev.sluice.ingest.RequestParser;
import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.lifecycle.RecordLifecycle;
import dev.sluice.metrics.SluiceMetrics;
import dev.sluice.record.FailureReason;
import dev.sluice.record.Sentiment;

/**
 * The scoring stage: each micro-batch runs on the {@code sluice-workers} pool (size
 * {@code sluice.concurrency}), unordered so that batches overtake each other freely; per-key order
 * is kept by the record owner when outcomes are written. Requests are parsed here; bad ones are
 * reported failed, the rest scored by one model call whose outcome goes to the owner. A failing
 * batch is bisected until only the failing records fail, so good records in it still get results;
 * a batch past {@code sluice.batch.timeout} is reported as {@code timeout} by the watchdog.
 */
@Singleton
public class BatchInference {

    public static final String WORKER_POOL = "sluice-workers";

    private final SentimentModel model;
    private final InferenceWatchdog watchdog;
    private final RequestParser parser;
    private final RecordLifecycle lifecycle;
    private final int maxChars;
    private final SluiceMetrics metrics;
    /** Serializes calls to a model that is not thread-safe; interruptible, unlike a monitor, so a timed-out waiter leaves. */
    private final ReentrantLock exclusive = new ReentrantLock();

    @Inject
    public BatchInference(SentimentModel model, RequestParser parser, RecordLifecycle lifecycle, SluiceMetrics metrics,
            SluiceConfig config) {
        this.model = model;
        this.watchdog = new InferenceWatchdog(config.batch().timeout());
        this.parser = parser;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
        this.maxChars = config.model().maxChars();
    }

    @PreDestroy
    void stop() {
        watchdog.close();
    }

    /** Model calls past their timeout whose workers are still inside the model. */
    public InferenceWatchdog watchdog() {
        return watchdog;
    }

    @Incoming(MicroBatchChannel.CHANNEL)
    @Blocking(value = WORKER_POOL, ordered = false)
    public void score(List<InFlightRecord> batch) {
        List<InFlightRecord> valid = new ArrayList<>(batch.size());
        for (InFlightRecord record : batch) {
            if (record.abandoned()) {
                continue; // Its partition was revoked: the new owner scores it.
            }
            if (record.request() == null) {
                try {
                    record.request(parser.parse(record.value()));
                } catch (BadRequestException e) {
                    lifecycle.failed(record, e.reason(), e);
                    continue;
                } catch (RuntimeException e) {
                    // A value no rule foresaw fails alone; the rest of the batch is scored.
                    lifecycle.failed(record, FailureReason.PROCESSING_FAILED, e);
                    continue;
                }
            }
            valid.add(record);
        }
        scoreAndReport(valid);
    }

    private void scoreAndReport(List<InFlightRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<String> texts = new ArrayList<>(records.size());
        for (InFlightRecord record : records) {
            texts.add(TextCap.cap(record.request().text(), maxChars));
        }
        lifecycle.scoring(records);
        InferenceWatchdog.Call call = watchdog.start(records.size(), timeout -> {
            // Bisecting a hang would wait the timeout once per level: every record of it retries instead.
            for (InFlightRecord record : records) {
                lifecycle.failed(record, FailureReason.TIMEOUT, timeout);
            }
        });
        long started = System.nanoTime();
        List<Sentiment> sentiments;
        try {
            sentiments = predict(texts);
            if (sentiments.size() != texts.size()) {
                throw new IllegalStateException("model returned " + sentiments.size() + " scores for " + texts.size() + " texts");
            }
        } catch (RuntimeException e) {
            if (!watchdog.finish(call)) {
                return;
            }
            if (records.size() == 1) {
                lifecycle.failed(records.get(0), FailureReason.PROCESSING_FAILED, e);
            } else {
                int half = records.size() / 2;
                scoreAndReport(records.subList(0, half));
                scoreAndReport(records.subList(half, records.size()));
            }
            return;
        }
        if (!watchdog.finish(call)) {
            return;
        }
        metrics.batch(texts.size(), System.nanoTime() - started);
        lifecycle.scored(records, sentiments, model.id());
    }

    private List<Sentiment> predict(List<String> texts) {
        if (model.threadSafe()) {
            return model.predict(texts);
        }
        try {
            exclusive.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model", e);
        }
        try {
            return model.predict(texts);
        } finally {
            exclusive.unlock();
        }
    }
}
