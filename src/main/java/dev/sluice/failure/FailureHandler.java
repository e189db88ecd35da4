package dev.sluice.failure;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.sluice.batching.MicroBatchChannel;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.InFlightRecord;
import dev.sluice.ops.SluiceMetrics;
import dev.sluice.ordering.OrderingGate;
import dev.sluice.support.DaemonThreads;

/**
 * Decides what happens to a record that failed. Bad requests go straight to the dead-letter topic.
 * Failed processing is retried with exponential backoff and jitter: the first
 * {@code sluice.retry.in-process-attempts} in process (the record keeps its key's lane, so order
 * holds), then through the retry topic (the lane is freed; the partition never stalls), and after
 * {@code sluice.retry.max-attempts} the record is dead-lettered.
 */
@Singleton
public class FailureHandler {

    private static final Logger LOG = Logger.getLogger(FailureHandler.class);

    private final FailedRecordPublisher parked;
    private final OrderingGate ordering;
    private final MicroBatchChannel batches;
    private final SluiceMetrics metrics;
    private final Backoff backoff;
    private final int maxAttempts;
    private final int inProcessAttempts;
    private final ScheduledExecutorService timer = DaemonThreads.timer("sluice-retry-backoff");

    @Inject
    public FailureHandler(FailedRecordPublisher parked, OrderingGate ordering, MicroBatchChannel batches,
            SluiceMetrics metrics, SluiceConfig config) {
        this.metrics = metrics;
        this.parked = parked;
        this.ordering = ordering;
        this.batches = batches;
        SluiceConfig.Retry retry = config.retry();
        this.backoff = new Backoff(retry.initialBackoff(), retry.maxBackoff(), retry.jitter());
        this.maxAttempts = retry.maxAttempts();
        this.inProcessAttempts = retry.inProcessAttempts();
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("sluice.retry.max-attempts must be at least 1, got " + maxAttempts);
        }
    }

    public void failed(InFlightRecord record, FailureReason reason, Throwable cause) {
        long now = System.currentTimeMillis();
        record.failedAt(now);
        metrics.failed(reason);
        if (!reason.retryable() || record.attempts() >= maxAttempts) {
            metrics.deadLettered(reason);
            if (reason.retryable()) {
                LOG.warnf("%s dead-lettered after %d attempts (%s): %s", record, record.attempts(), reason.header(), cause.toString());
            }
            parked.deadLetter(record, reason, cause);
            ordering.release(record);
            return;
        }
        metrics.retried();
        long delay = backoff.delayMillis(record.attempts());
        if (record.attempts() < inProcessAttempts) {
            LOG.debugf("%s failed (%s), attempt %d; retrying in %d ms", record, reason.header(), record.attempts(), delay);
            timer.schedule(() -> batches.offer(record), delay, TimeUnit.MILLISECONDS);
            return;
        }
        LOG.debugf("%s failed (%s), attempt %d; to the retry topic, due in %d ms", record, reason.header(), record.attempts(), delay);
        parked.retryLater(record, reason, cause, now + delay);
        ordering.release(record);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
