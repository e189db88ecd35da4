package dev.sluice.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;

import dev.sluice.batching.MicroBatch;
import dev.sluice.batching.MicroBatchChannel;
import dev.sluice.batching.PendingScore;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.BadRequestException;
import dev.sluice.ingest.RequestParser;
import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.lifecycle.RecordLifecycle;
import dev.sluice.metrics.SluiceMetrics;
import dev.sluice.record.FailureReason;
import dev.sluice.record.Sentiment;

/**
 * The scoring stage: each micro-batch (records from Kafka and texts posted for synchronous scoring) runs on the {@code sluice-workers} pool (size
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
    public void score(MicroBatch batch) {
        List<InFlightRecord> valid = new ArrayList<>(batch.records().size());
        for (InFlightRecord record : batch.records()) {
            if (record.abandoned()) {
                continue; // Its partition was revoked: the new owner scores it.
            }
            if (record.request() == null) {
                try {
                    lifecycle.parsed(record, parser.parse(record.value()));
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
        scoreAndReport(valid, batch.texts());
    }

    /** Scores records and posted texts in one model call; on a failure, each half again, down to the one that fails. */
    private void scoreAndReport(List<InFlightRecord> records, List<PendingScore> posted) {
        int size = records.size() + posted.size();
        if (size == 0) {
            return;
        }
        List<String> texts = new ArrayList<>(size);
        for (InFlightRecord record : records) {
            texts.add(TextCap.cap(record.request().text(), maxChars));
        }
        for (PendingScore text : posted) {
            texts.add(TextCap.cap(text.text(), maxChars));
        }
        if (!records.isEmpty()) {
            lifecycle.scoring(records);
        }
        InferenceWatchdog.Call call = watchdog.start(size, timeout -> {
            // Bisecting a hang would wait the timeout once per level: every record of it retries instead.
            for (InFlightRecord record : records) {
                lifecycle.failed(record, FailureReason.TIMEOUT, timeout);
            }
            posted.forEach(text -> text.outcome().completeExceptionally(timeout));
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
            if (size == 1) {
                if (records.isEmpty()) {
                    posted.get(0).outcome().completeExceptionally(e);
                } else {
                    lifecycle.failed(records.get(0), FailureReason.PROCESSING_FAILED, e);
                }
            } else {
                int half = size / 2;
                int recordsFirst = Math.min(half, records.size());
                scoreAndReport(records.subList(0, recordsFirst), posted.subList(0, half - recordsFirst));
                scoreAndReport(records.subList(recordsFirst, records.size()), posted.subList(half - recordsFirst, posted.size()));
            }
            return;
        }
        if (!watchdog.finish(call)) {
            return;
        }
        metrics.batch(size, System.nanoTime() - started);
        if (!records.isEmpty()) {
            lifecycle.scored(records, records.size() == size ? sentiments : sentiments.subList(0, records.size()), model.id());
        }
        for (int i = 0; i < posted.size(); i++) {
            posted.get(i).outcome().complete(sentiments.get(records.size() + i));
        }
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
