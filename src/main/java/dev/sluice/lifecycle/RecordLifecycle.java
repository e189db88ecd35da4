package dev.sluice.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;

import dev.sluice.config.SluiceConfig;
import dev.sluice.metrics.SluiceMetrics;
import dev.sluice.record.FailureReason;
import dev.sluice.record.Sentiment;
import dev.sluice.record.SentimentRequest;
import dev.sluice.support.DaemonThreads;

/**
 * The one owner of every record's life (see docs/ARCHITECTURE.md). {@link RecordIntake} hands it
 * each record it registered; the owner places it in its key's lane and hands it forward to be
 * scored. The stages report back what happened (parsed, scoring, scored, failed, acknowledged,
 * refused) and the owner decides the next state: a result or dead letter to write once the key's
 * earlier records are written (and, in exactly-once mode, the partition's: {@link SendOrder}),
 * another attempt after a backoff, the retry topic. Commits ({@link OffsetCommitter}), rebalances
 * ({@link PartitionOwnership}) and the shutdown drain ({@link GracefulShutdown}) are its other
 * rooms; every state change goes through {@link InFlightRecord#moveTo}.
 */
@Singleton
public class RecordLifecycle {

    private static final Logger LOG = Logger.getLogger(RecordLifecycle.class);

    private final OffsetLedger ledger;
    private final SluiceMetrics metrics;
    private final KeyLanes lanes;
    private final RetryPolicy policy;
    private final SendOrder sendOrder;
    private final String requestsTopic;
    private final Provider<ScoringQueue> scoringPort;
    private final Provider<OutcomePublisher> publisherPort;
    private final ScheduledExecutorService timer = DaemonThreads.timer("sluice-retry-timer");
    private volatile ScoringQueue scoring;
    private volatile OutcomePublisher publisher;

    @Inject
    public RecordLifecycle(OffsetLedger ledger, SluiceMetrics metrics, SendOrder sendOrder, Provider<ScoringQueue> scoring,
            Provider<OutcomePublisher> publisher, SluiceConfig config) {
        this(ledger, metrics, sendOrder, new KeyLanes(config.ordering()), RetryPolicy.of(config.retry()), config.topics().requests(),
                scoring, publisher);
    }

    RecordLifecycle(OffsetLedger ledger, SluiceMetrics metrics, SendOrder sendOrder, KeyLanes lanes, RetryPolicy policy,
            String requestsTopic, Provider<ScoringQueue> scoring, Provider<OutcomePublisher> publisher) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.sendOrder = sendOrder;
        this.lanes = lanes;
        this.policy = policy;
        this.requestsTopic = requestsTopic;
        this.scoringPort = scoring;
        this.publisherPort = publisher;
        metrics.countIllegalMoves(RecordState::illegalMoves);
    }

    // ---- from intake: the connector's polling thread, in offset order per partition ----

    /** A request taken in: it enters its key's lane and goes to be scored. */
    void taken(InFlightRecord record) {
        sendOrder.register(record);
        lanes.enter(record);
        dispatch(record);
    }

    /** Every record of a poll has been taken in: scoring need not wait for more to fill a batch. */
    void pollTaken() {
        scoring().flush();
    }

    /** A request taken in whose key has a newer record in the same poll: it ends without a result. */
    void superseded(InFlightRecord record) {
        sendOrder.register(record);
        metrics.deduplicated();
        end(record);
    }

    /**
     * A record read back from the retry topic, held until its due time. It has no lane: the retry
     * topic already let later records of its key go ahead.
     */
    void takenForRetry(InFlightRecord record, long delayMillis) {
        sendOrder.register(record);
        dispatchAfter(record, delayMillis);
    }

    // ---- forward: to scoring and to publishing ----

    private void dispatch(InFlightRecord record) {
        if (record.abandoned()) {
            return; // Its partition was revoked meanwhile: the new owner scores it.
        }
        record.moveTo(RecordState.BATCHED);
        scoring().offer(record);
    }

    private void dispatchAfter(InFlightRecord record, long delayMillis) {
        if (delayMillis <= 0) {
            dispatch(record);
            return;
        }
        record.moveTo(RecordState.WAITING_TO_RETRY);
        timer.schedule(() -> dispatch(record), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Hands the publisher what the send order lets go of a lane's released group. */
    private void publish(List<InFlightRecord> group) {
        if (group.isEmpty()) {
            return;
        }
        List<List<InFlightRecord>> out = new ArrayList<>(1);
        sendOrder.release(group, out);
        handOver(out);
    }

    /** Hands released groups to the publisher at once, noting when each record left its lane. */
    private void handOver(List<List<InFlightRecord>> groups) {
        if (groups.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (int i = 0; i < groups.size(); i++) {
            List<InFlightRecord> group = groups.get(i);
            for (int j = 0; j < group.size(); j++) {
                group.get(j).released(now);
            }
        }
        publisher().publishAll(groups);
    }

    // ---- reports from the scoring stage (worker threads, the watchdog) ----

    /** The scoring stage parsed the record's value: later attempts reuse it. */
    public void parsed(InFlightRecord record, SentimentRequest request) {
        record.request(request);
    }

    /** A micro-batch went into a model call. */
    public void scoring(List<InFlightRecord> batch) {
        long now = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).moveTo(RecordState.SCORING);
            batch.get(i).scoringStarted(now);
        }
    }

    /** The model scored these records; {@code sentiments} is in the same order. Hands the publisher one batch of groups. */
    public void scored(List<InFlightRecord> records, List<Sentiment> sentiments, String modelId) {
        long now = System.nanoTime();
        List<List<InFlightRecord>> released = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            InFlightRecord record = records.get(i);
            if (record.abandoned()) {
                continue;
            }
            Sentiment sentiment = sentiments.get(i);
            record.scored(sentiment, sentimentCounter(record, sentiment), modelId, now);
            record.builtResult(publisher().resultAhead(record));
            List<InFlightRecord> ready = lanes.decided(record);
            if (!ready.isEmpty()) {
                sendOrder.release(ready, released);
            }
        }
        handOver(released);
    }

    /** Where the record's result will be counted; null (not counted by label) rather than a batch stopped by a meter. */
    private Counter sentimentCounter(InFlightRecord record, Sentiment sentiment) {
        try {
            return metrics.sentimentCounter(record.request().source(), sentiment.label());
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: its result will not be counted by label and source in the metrics", record);
            return null;
        }
    }

    /** An attempt failed: retried after a backoff, sent to the retry topic, or dead-lettered. */
    public void failed(InFlightRecord record, FailureReason reason, Throwable cause) {
        if (record.abandoned()) {
            return;
        }
        long now = System.currentTimeMillis();
        record.failedAt(now);
        metrics.failed(reason);
        RetryPolicy.Decision decision = policy.decide(reason, record.attempts());
        switch (decision.kind()) {
            case RETRY_IN_PROCESS -> {
                metrics.retried();
                LOG.debugf("%s failed (%s), attempt %d; retrying in %d ms", record, reason.header(), record.attempts(),
                        decision.delayMillis());
                dispatchAfter(record, Math.max(1, decision.delayMillis()));
            }
            case RETRY_TOPIC -> {
                metrics.retried();
                record.parked(Destination.RETRY_TOPIC, reason, cause, now + decision.delayMillis());
                publish(lanes.decided(record));
            }
            case DEAD_LETTER -> {
                if (reason.retryable()) {
                    LOG.warnf("%s dead-lettered after %d attempts (%s): %s", record, record.attempts(), reason.header(), cause.toString());
                }
                record.parked(Destination.DEAD_LETTER, reason, cause, 0);
                publish(lanes.decided(record));
            }
        }
    }

    // ---- reports from the publish stage (producer threads) ----

    /** The broker acknowledged the record's result, retry record or dead letter: the record ended. */
    public void acknowledged(InFlightRecord record) {
        long now = System.nanoTime(); // One read for the ledger and the stage times: a read cost 47 ns on the benchmark VM.
        ledger.ended(record, now);
        try {
            switch (record.destination()) {
                case RESULT -> {
                    Long requested = record.request().timestamp();
                    metrics.processed(record.originPartition(), record.sentimentCounter(),
                            requested != null ? requested : record.recordTimestamp(), System.currentTimeMillis());
                    metrics.stages(record.takenNanos(), record.scoringNanos(), record.scoredNanos(), record.releasedNanos(), now);
                }
                case DEAD_LETTER -> metrics.deadLettered(record.failureReason());
                case RETRY_TOPIC -> {
                    // Counted as retried when decided.
                }
            }
        } catch (RuntimeException e) {
            // Counting one record must never hold its key's lane: the next record of the key goes on.
            LOG.warnf(e, "%s: its outcome was not counted in the metrics", record);
        }
        publish(lanes.acknowledged(record));
    }

    /**
     * The broker will never take the record's result (too large for the results topic, say): it is
     * dead-lettered instead, keeping its place in its key's lane; the publish stage sends that next.
     */
    public void refused(InFlightRecord record, Throwable cause) {
        long now = System.currentTimeMillis();
        record.failedAt(now);
        metrics.failed(FailureReason.PROCESSING_FAILED);
        record.parked(Destination.DEAD_LETTER, FailureReason.PROCESSING_FAILED, cause, 0);
    }

    private void end(InFlightRecord record) {
        record.moveTo(RecordState.ENDED);
        ledger.ended(record, System.nanoTime());
        List<List<InFlightRecord>> out = new ArrayList<>(1);
        sendOrder.skipped(record, out);
        handOver(out);
    }

    // ---- from the partition owner ----

    /** Forgets what waits to be sent for a partition let go: this instance will not send it. */
    void forget(TopicPartition partition) {
        sendOrder.drop(partition);
        if (partition.topic().equals(requestsTopic)) {
            lanes.dropPartition(partition.partition());
        }
    }

    /** Records taken in and not yet ended, over every owned partition. */
    public int pending() {
        return ledger.pending(null);
    }

    /** When a record last ended (System.nanoTime). */
    public long lastEndedNanos() {
        return ledger.lastEndedNanos();
    }

    private ScoringQueue scoring() {
        ScoringQueue port = scoring;
        if (port == null) {
            port = scoringPort.get(); // Resolved on first use: the stages depend on the owner, not the reverse.
            scoring = port;
        }
        return port;
    }

    private OutcomePublisher publisher() {
        OutcomePublisher port = publisher;
        if (port == null) {
            port = publisherPort.get();
            publisher = port;
        }
        return port;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
