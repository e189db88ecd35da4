package dev.sluice.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.sluice.config.DedupeMode;
import dev.sluice.config.DeliveryMode;
import dev.sluice.config.OrderingMode;
import dev.sluice.config.SluiceConfig;
import dev.sluice.metrics.SluiceMetrics;
import dev.sluice.record.DeadLetterHeaders;
import dev.sluice.record.FailureReason;
import dev.sluice.record.Sentiment;
import dev.sluice.support.DaemonThreads;

/**
 * The one owner of every record's life (see docs/ARCHITECTURE.md). Intake hands it polled records;
 * it registers each offset with its partition's tracker, counts it against a budget, places it in
 * its key's lane and hands it forward to be scored. The stages report back what happened (scored,
 * failed, acknowledged, refused) and the owner decides the next state: a result or dead letter to
 * write once the key's earlier records are written, another attempt after a backoff, the retry
 * topic. It alone decides commits (through {@link OffsetCommitter}), pausing (the Uni intake
 * returns completes only when the budget has room), revocation and the shutdown drain.
 */
@Singleton
public class RecordLifecycle {

    public static final String REQUESTS_CHANNEL = "requests";
    public static final String RETRIES_CHANNEL = "retries";

    private static final Logger LOG = Logger.getLogger(RecordLifecycle.class);

    private final OffsetLedger ledger;
    private final Budgets budgets;
    private final OffsetCommitter committer;
    private final SluiceMetrics metrics;
    private final KeyLanes lanes;
    private final RetryPolicy policy;
    private final boolean dedupe;
    private final Duration drainTimeout;
    private final String requestsTopic;
    private final Instance<ScoringQueue> scoringPort;
    private final Instance<OutcomePublisher> publisherPort;
    /** Exactly-once only: outcomes are sent in offset order per partition. */
    private final OffsetOrderGate gate;
    private final ScheduledExecutorService timer = DaemonThreads.timer("sluice-retry-timer");
    private volatile ScoringQueue scoring;
    private volatile OutcomePublisher publisher;
    private volatile boolean stopped;

    @Inject
    public RecordLifecycle(OffsetLedger ledger, Budgets budgets, OffsetCommitter committer, SluiceMetrics metrics,
            Instance<ScoringQueue> scoring, Instance<OutcomePublisher> publisher, SluiceConfig config) {
        this.ledger = ledger;
        this.budgets = budgets;
        this.committer = committer;
        this.metrics = metrics;
        this.scoringPort = scoring;
        this.publisherPort = publisher;
        this.lanes = new KeyLanes(config.ordering());
        this.policy = RetryPolicy.of(config.retry());
        this.dedupe = config.dedupe() == DedupeMode.LATEST_PER_KEY;
        if (dedupe && config.ordering() != OrderingMode.KEY) {
            throw new IllegalArgumentException("sluice.dedupe=latest-per-key needs sluice.ordering=key");
        }
        this.drainTimeout = config.shutdown().drainTimeout();
        this.requestsTopic = config.topics().requests();
        this.gate = config.delivery() == DeliveryMode.EXACTLY_ONCE ? new OffsetOrderGate() : null;
    }

    // ---- intake: the connector's polling thread ----

    /**
     * Takes polled requests in. The returned Uni completes when the requests budget has room: until
     * then the connector requests nothing more and pauses fetching.
     */
    public Uni<Void> takeRequests(ConsumerRecords<byte[], byte[]> records) {
        InFlightBudget budget = budgets.requests();
        if (stopped) {
            return Uni.createFrom().voidItem(); // Shutting down: left uncommitted, read again after restart.
        }
        int taken = 0;
        for (TopicPartition partition : records.partitions()) {
            ContiguousOffsetTracker tracker = ledger.trackerFor(partition);
            if (tracker == null) {
                continue; // Fetched before the partition was revoked: its new owner reads these again.
            }
            List<ConsumerRecord<byte[], byte[]>> polled = records.records(partition);
            Map<java.nio.ByteBuffer, Long> newest = dedupe ? newestOffsetByKey(polled) : null;
            for (ConsumerRecord<byte[], byte[]> polledRecord : polled) {
                InFlightRecord record = register(partition, polledRecord, tracker, budget);
                if (record == null) {
                    continue;
                }
                taken++;
                if (newest != null && superseded(polledRecord, newest)) {
                    metrics.deduplicated();
                    end(record); // A newer record of its key came in the same poll: it ends without a result.
                    continue;
                }
                lanes.enter(record);
                dispatch(record);
            }
        }
        return afterTaking(budget, taken);
    }

    /**
     * Takes records read back from the retry topic in: their earlier attempts and origin restored
     * from the headers, each held until its due time. They have no lane: the retry topic already let
     * later records of their key go ahead. The Uni completes when the retries budget has room.
     */
    public Uni<Void> takeRetries(ConsumerRecords<byte[], byte[]> records) {
        InFlightBudget budget = budgets.retries();
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        int taken = 0;
        long now = System.currentTimeMillis();
        for (TopicPartition partition : records.partitions()) {
            ContiguousOffsetTracker tracker = ledger.trackerFor(partition);
            if (tracker == null) {
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> polledRecord : records.records(partition)) {
                InFlightRecord record = register(partition, polledRecord, tracker, budget);
                if (record == null) {
                    continue;
                }
                taken++;
                var headers = polledRecord.headers();
                String origin = DeadLetterHeaders.value(headers, DeadLetterHeaders.ORIGINAL_TOPIC);
                record.resumeFrom(origin == null ? partition.topic() : origin,
                        (int) DeadLetterHeaders.number(headers, DeadLetterHeaders.ORIGINAL_PARTITION, partition.partition()),
                        DeadLetterHeaders.number(headers, DeadLetterHeaders.ORIGINAL_OFFSET, polledRecord.offset()),
                        (int) DeadLetterHeaders.number(headers, DeadLetterHeaders.ATTEMPTS, 1),
                        DeadLetterHeaders.number(headers, DeadLetterHeaders.FIRST_FAILURE_MS, 0),
                        DeadLetterHeaders.number(headers, DeadLetterHeaders.LAST_FAILURE_MS, 0));
                dispatchAfter(record, DeadLetterHeaders.number(headers, DeadLetterHeaders.RETRY_DUE_MS, 0) - now);
            }
        }
        return afterTaking(budget, taken);
    }

    private InFlightRecord register(TopicPartition partition, ConsumerRecord<byte[], byte[]> polled, ContiguousOffsetTracker tracker,
            InFlightBudget budget) {
        if (!tracker.register(polled.offset())) {
            return null; // Delivered twice (the fetch position moved back): already tracked.
        }
        budget.admit();
        InFlightRecord record = new InFlightRecord(partition, polled.offset(), polled.key(), polled.value(), polled.timestamp(),
                polled.headers(), tracker, budget);
        if (gate != null) {
            gate.register(record);
        }
        return record;
    }

    private Uni<Void> afterTaking(InFlightBudget budget, int taken) {
        metrics.consumed(taken);
        if (budget.underPressure()) {
            committer.commitSoon(); // Room comes back only with a commit: do not wait for the interval.
        }
        return budget.awaitRoom();
    }

    private static Map<java.nio.ByteBuffer, Long> newestOffsetByKey(List<ConsumerRecord<byte[], byte[]>> polled) {
        Map<java.nio.ByteBuffer, Long> newest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : polled) {
            if (record.key() != null) {
                newest.put(java.nio.ByteBuffer.wrap(record.key()), record.offset());
            }
        }
        return newest;
    }

    private static boolean superseded(ConsumerRecord<byte[], byte[]> record, Map<java.nio.ByteBuffer, Long> newest) {
        return record.key() != null && newest.get(java.nio.ByteBuffer.wrap(record.key())) > record.offset();
    }

    // ---- forward: to scoring and to publishing ----

    private void dispatch(InFlightRecord record) {
        if (record.abandoned()) {
            return; // Its partition was revoked meanwhile: the new owner scores it.
        }
        record.state = RecordState.BATCHED;
        scoring().offer(record);
    }

    private void dispatchAfter(InFlightRecord record, long delayMillis) {
        if (delayMillis <= 0) {
            dispatch(record);
            return;
        }
        record.state = RecordState.WAITING_TO_RETRY;
        timer.schedule(() -> dispatch(record), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Sends the outcomes of records their lanes let go; in exactly-once mode, once their partition's earlier records went. */
    private void publish(List<InFlightRecord> ready) {
        if (ready.isEmpty()) {
            return;
        }
        if (gate == null) {
            publisher().publish(ready);
            return;
        }
        for (int i = 0; i < ready.size(); i++) {
            send(gate.decided(ready.get(i)));
        }
    }

    private void send(List<InFlightRecord> released) {
        if (!released.isEmpty()) {
            publisher().publish(released);
        }
    }

    // ---- reports from the scoring stage (worker threads, the watchdog) ----

    /** A micro-batch went into a model call. */
    public void scoring(List<InFlightRecord> batch) {
        long now = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).state = RecordState.SCORING;
            batch.get(i).scoringStarted(now);
        }
    }

    /** The model scored these records; {@code sentiments} is in the same order. */
    public void scored(List<InFlightRecord> records, List<Sentiment> sentiments, String modelId) {
        long now = System.nanoTime();
        List<List<InFlightRecord>> released = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            InFlightRecord record = records.get(i);
            if (record.abandoned()) {
                continue;
            }
            record.scored(sentiments.get(i), modelId, now);
            List<InFlightRecord> ready = lanes.decided(record);
            if (gate == null) {
                if (!ready.isEmpty()) {
                    released.add(ready);
                }
            } else {
                for (int j = 0; j < ready.size(); j++) {
                    List<InFlightRecord> inOrder = gate.decided(ready.get(j));
                    if (!inOrder.isEmpty()) {
                        released.add(inOrder);
                    }
                }
            }
        }
        if (!released.isEmpty()) {
            publisher().publishAll(released);
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
        ledger.ended(record);
        try {
            switch (record.destination()) {
                case RESULT -> {
                    Long requested = record.request().timestamp();
                    metrics.processed(record.originPartition(), record.request().source(), record.sentiment().label(),
                            requested != null ? requested : record.recordTimestamp(), System.currentTimeMillis());
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
        record.state = RecordState.ENDED;
        ledger.ended(record);
        if (gate != null) {
            send(gate.skipped(record));
        }
    }

    // ---- rebalances (polling thread) and shutdown ----

    void assigned(Collection<TopicPartition> partitions) {
        ledger.assigned(partitions);
        metrics.rebalanced();
        if (!partitions.isEmpty()) {
            LOG.infof("assigned %s", partitions);
        }
    }

    /**
     * In-flight work of the revoked partitions gets up to {@code sluice.shutdown.drain-timeout} to
     * end, what ended contiguously is committed synchronously, and only then is the partition let go.
     */
    void revoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        // At shutdown the drain already waited the whole timeout for these same records: a second
        // wait would only double the time to stop (and outlast a dev-mode broker that is stopping).
        Duration wait = stopped ? Duration.ZERO : drainTimeout;
        try {
            if (committer.canCommit() && !ledger.awaitDrained(partitions, wait)) {
                LOG.warnf("revoking %s with %d records unfinished after %s; their offsets stay uncommitted", partitions,
                        ledger.pending(partitions), drainTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            committer.commitOwned(consumer, partitions, true, () -> let(partitions));
        } catch (RuntimeException e) {
            LOG.warnf("commit on revocation of %s failed: %s", partitions, e.toString());
            let(partitions);
        }
        LOG.infof("revoked %s", partitions);
    }

    /** Lost, not revoked: another member may own them already, so nothing may be committed. */
    void lost(Collection<TopicPartition> partitions) {
        committer.lost(partitions);
        let(partitions);
        LOG.warnf("lost %s", partitions);
    }

    private void let(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            budgets.of(partition).release(ledger.revoked(List.of(partition)));
            if (gate != null) {
                gate.drop(partition);
            }
            if (partition.topic().equals(requestsTopic)) {
                lanes.dropPartition(partition.partition());
            }
        }
        committer.forget(partitions);
    }

    /** Takes no more records in; what is in flight goes on. */
    void stopIntake() {
        stopped = true;
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
