package dev.sluice.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Singleton;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;

import dev.sluice.batching.MicroBatchChannel;
import dev.sluice.config.SluiceConfig;
import dev.sluice.failure.FailureHandler;
import dev.sluice.failure.FailureReason;
import dev.sluice.ingest.BadRequestException;
import dev.sluice.ingest.InFlightRecord;
import dev.sluice.ingest.InFlightRecords;
import dev.sluice.ingest.RequestParser;
import dev.sluice.ops.SluiceMetrics;
import dev.sluice.ordering.OrderingGate;
import dev.sluice.publish.ResultPublisher;

/**
 * The worker stage: each micro-batch runs on the {@code sluice-workers} pool (size
 * {@code sluice.concurrency}), unordered so that batches overtake each other freely; per-key order
 * is already guaranteed upstream by the ordering gate. Requests are parsed here, bad ones are
 * dead-lettered, and the rest are scored by one model call. A failing batch is bisected until only
 * the failing records fail, so good records in it still get results; a batch past
 * {@code sluice.batch.timeout} fails as a whole with reason {@code timeout}.
 */
@Singleton
public class BatchInference {

    public static final String WORKER_POOL = "sluice-workers";

    private final SentimentModel model;
    private final TimedInference guard;
    private final RequestParser parser;
    private final ResultPublisher results;
    private final FailureHandler failures;
    private final OrderingGate ordering;
    private final InFlightRecords inFlight;
    private final int maxChars;
    private final SluiceMetrics metrics;

    @Inject
    public BatchInference(SentimentModel model, RequestParser parser, ResultPublisher results, FailureHandler failures,
            OrderingGate ordering, InFlightRecords inFlight, SluiceMetrics metrics, SluiceConfig config) {
        this.metrics = metrics;
        this.model = model;
        this.guard = new TimedInference(model, config.batch().timeout());
        this.parser = parser;
        this.results = results;
        this.failures = failures;
        this.ordering = ordering;
        this.inFlight = inFlight;
        this.maxChars = config.model().maxChars();
    }

    @PreDestroy
    void stop() {
        guard.close();
    }

    @Incoming(MicroBatchChannel.CHANNEL)
    @Blocking(value = WORKER_POOL, ordered = false)
    public void score(List<InFlightRecord> batch) {
        List<InFlightRecord> valid = new ArrayList<>(batch.size());
        for (InFlightRecord record : batch) {
            if (record.abandoned()) {
                ordering.release(record); // Its partition was revoked: the new owner scores it.
                continue;
            }
            if (record.request() == null) {
                try {
                    record.request(parser.parse(record.value()));
                } catch (BadRequestException e) {
                    failures.failed(record, e.reason(), e);
                    continue;
                }
            }
            valid.add(record);
        }
        scoreAndPublish(valid);
    }

    private void scoreAndPublish(List<InFlightRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<String> texts = new ArrayList<>(records.size());
        for (InFlightRecord record : records) {
            texts.add(TextCap.cap(record.request().text(), maxChars));
        }
        List<Sentiment> sentiments;
        long started = System.nanoTime();
        try {
            sentiments = guard.predict(texts);
            metrics.batch(texts.size(), System.nanoTime() - started);
            if (sentiments.size() != texts.size()) {
                throw new IllegalStateException("model returned " + sentiments.size() + " scores for " + texts.size() + " texts");
            }
        } catch (TimeoutException e) {
            // Bisecting a hang would wait the timeout once per level: every record of it retries instead.
            for (InFlightRecord record : records) {
                failures.failed(record, FailureReason.TIMEOUT, e);
            }
            return;
        } catch (RuntimeException e) {
            if (records.size() == 1) {
                failures.failed(records.get(0), FailureReason.PROCESSING_FAILED, e);
            } else {
                int half = records.size() / 2;
                scoreAndPublish(records.subList(0, half));
                scoreAndPublish(records.subList(half, records.size()));
            }
            return;
        }
        String modelId = model.id();
        for (int i = 0; i < records.size(); i++) {
            results.publish(records.get(i), sentiments.get(i), modelId);
        }
    }
}
