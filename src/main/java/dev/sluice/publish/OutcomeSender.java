package dev.sluice.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import dev.sluice.config.SluiceConfig;
import dev.sluice.lifecycle.Backoff;
import dev.sluice.lifecycle.Destination;
import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.lifecycle.OutcomePublisher;
import dev.sluice.lifecycle.RecordLifecycle;
import dev.sluice.record.DeadLetterHeaders;
import dev.sluice.record.TraceContext;
import dev.sluice.support.DaemonThreads;
import dev.sluice.trace.RecordTracing;

/**
 * The publish stage: writes each decided record's outcome — its result to the results topic (keyed
 * like the request, so the default partitioner keeps a key's results together), its retry record
 * with a due time, or its dead letter, key and value byte for byte — and reports it acknowledged to
 * the owner. Outcomes go out in the groups their lanes release, in offset order, from one publisher
 * thread; a send that fails stops its group there, and the group's unacknowledged records are sent
 * again, in order, with backoff until the broker takes them, so a broker away for a while delays
 * records but never dead-letters, drops or reorders them. A dead letter the broker
 * refuses at full size is written without its value, its size in headers; a result it refuses is
 * dead-lettered instead.
 */
@Singleton
public class OutcomeSender implements OutcomePublisher {

    private static final Logger LOG = Logger.getLogger(OutcomeSender.class);

    private final ResultWriter writer;
    private final RecordLifecycle lifecycle;
    private final PublishHealth health;
    private final Backoff backoff;
    private final String resultsTopic;
    private final String retryTopic;
    private final String deadLetterTopic;
    private final ScheduledExecutorService timer = DaemonThreads.timer("sluice-send-retry");
    /** The one thread that hands outcomes to the producer: what waits for the broker waits here, never on a worker. */
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(DaemonThreads.named("sluice-publisher"));
    /**
     * True on a producer's I/O thread (marked at its first callback; it runs nothing else of
     * sluice's): what is published from there is built on the publisher thread. A send failing at
     * once calls back on the publisher thread, which then counts as one: harmless, as it builds
     * what it sends anyway. Marked once, not set and reset around each callback: a ThreadLocal
     * write scans the thread's map for stale entries, 1.2 % of sluice's samples at steady state
     * (docs/BENCHMARKS.md).
     */
    private final ThreadLocal<Boolean> onProducerThread = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private volatile boolean closed;
    private final OutcomeSends sends;
    private final RecordTracing tracing;

    @Inject
    OutcomeSender(OutcomeSends sends, ResultWriter writer, RecordLifecycle lifecycle, PublishHealth health, SluiceConfig config,
            RecordTracing tracing) {
        this.sends = sends;
        this.tracing = tracing;
        this.writer = writer;
        this.lifecycle = lifecycle;
        this.health = health;
        SluiceConfig.Retry retry = config.retry();
        this.backoff = new Backoff(retry.initialBackoff(), retry.maxBackoff(), retry.jitter());
        this.resultsTopic = config.topics().results();
        this.retryTopic = config.topics().retry();
        this.deadLetterTopic = config.topics().dlq();
    }

    /**
     * Sends a group a lane released (or one record), in offset order, on the publisher thread: a
     * worker that scored a batch never waits for the broker, and a producer callback that releases
     * the next group never sends from the producer's own thread (a send there could block on buffer
     * memory only that thread frees). Results were built when scored ({@link #resultAhead}); a worker
     * builds the rest of its group's records itself, in parallel with the other workers; the
     * publisher thread only hands them to the producer.
     */
    @Override
    public void publishAll(List<List<InFlightRecord>> groups) {
        if (closed || groups.isEmpty()) {
            return;
        }
        List<GroupRound> rounds = new ArrayList<>(groups.size());
        for (List<InFlightRecord> group : groups) {
            GroupRound round = new GroupRound(group);
            if (!onProducerThread.get()) {
                for (int index = 0; index < group.size(); index++) {
                    prepare(round, index);
                }
            }
            rounds.add(round);
        }
        // One hand-over per call, not per group: waking the publisher thread costs more than a send.
        publisher.execute(() -> rounds.forEach(this::sendRound));
    }

    /** Hands the round's records to the producer in order, until one fails. */
    private void sendRound(GroupRound round) {
        for (int index = round.next(); index >= 0; index = round.next()) {
            InFlightRecord record = round.record(index);
            if (closed || record.abandoned()) {
                return; // Shutting down, or the partition is gone: left uncommitted for the next owner.
            }
            ProducerRecord<byte[], byte[]> out = round.prepared(index);
            if (out == null) {
                out = prepare(round, index);
            }
            sendOne(round, index, out);
        }
        if (round.doneHandingOut()) {
            again(round);
        }
    }

    /** Builds what the record sends (with its spans when tracing is on) and keeps it for every round. */
    private ProducerRecord<byte[], byte[]> prepare(GroupRound round, int index) {
        ProducerRecord<byte[], byte[]> out = outgoing(round.record(index));
        if (tracing.enabled()) {
            traced(round, index, out);
        }
        round.prepare(index, out);
        return out;
    }

    /** Tracing on: the record's spans open at its first send, and what it writes carries them. */
    private void traced(GroupRound round, int index, ProducerRecord<byte[], byte[]> out) {
        RecordTracing.RecordSpans spans = round.spans(index);
        if (spans == null) {
            InFlightRecord record = round.record(index);
            spans = tracing.started(record, record.destination().name().toLowerCase(java.util.Locale.ROOT));
            round.spans(index, spans);
        }
        tracing.carried(spans, out.headers());
    }

    private void sendOne(GroupRound round, int index, ProducerRecord<byte[], byte[]> out) {
        InFlightRecord record = round.record(index);
        Callback callback = (metadata, error) -> {
            if (!onProducerThread.get()) {
                onProducerThread.set(Boolean.TRUE);
            }
            answered(round, index, out, error);
        };
        try {
            sends.send(record, out, callback);
        } catch (RuntimeException e) {
            answered(round, index, out, e); // Metadata or buffer memory past max.block.ms, and the like.
        }
    }

    /**
     * Builds the record's outcome. One whose result or retry record cannot be built (the content of
     * one record reaching a case no code foresaw) becomes that record's dead letter; a dead letter
     * that cannot carry the caller's headers goes without them. Nothing here throws into the loop
     * that sends the rest of the group.
     */
    private ProducerRecord<byte[], byte[]> outgoing(InFlightRecord record) {
        try {
            return built(record);
        } catch (RuntimeException e) {
            if (record.destination() != Destination.DEAD_LETTER) {
                LOG.warnf(e, "%s: its %s could not be built; dead-lettering it", record, record.destination());
                lifecycle.refused(record, e);
                return outgoing(record);
            }
            LOG.warnf(e, "%s: its dead letter could not carry its headers; writing it with sluice's own only", record);
            return new ProducerRecord<>(deadLetterTopic, null, null, record.key(), record.value(),
                    FailureHeaders.withoutCallerHeaders(record, record.failureReason(), record.failureCause()));
        }
    }

    private ProducerRecord<byte[], byte[]> built(InFlightRecord record) {
        return switch (record.destination()) {
            case RESULT -> record.builtResult() != null ? record.builtResult() : result(record);
            case RETRY_TOPIC -> {
                Headers headers = FailureHeaders.of(record, record.failureReason(), record.failureCause());
                DeadLetterHeaders.add(headers, DeadLetterHeaders.RETRY_DUE_MS, Long.toString(record.retryDueMs()));
                yield new ProducerRecord<>(retryTopic, null, null, record.key(), record.value(), headers);
            }
            case DEAD_LETTER -> new ProducerRecord<>(deadLetterTopic, null, null, record.key(), record.value(),
                    FailureHeaders.of(record, record.failureReason(), record.failureCause()));
        };
    }

    @Override
    public ProducerRecord<byte[], byte[]> resultAhead(InFlightRecord scored) {
        try {
            return result(scored);
        } catch (RuntimeException e) {
            return null; // Built again when sent, where a result that cannot be built is dead-lettered.
        }
    }

    /** The record's result; {@code processedAt} is when it is built, so normally when the model scored it. */
    private ProducerRecord<byte[], byte[]> result(InFlightRecord record) {
        return new ProducerRecord<>(resultsTopic, null, null, record.key(),
                writer.write(record, record.sentiment(), record.modelId(), System.currentTimeMillis()),
                TraceContext.forResult(record.headers()));
    }

    /** The broker's answer to one send (or the send's own exception), on the producer's thread or the publisher's. */
    private void answered(GroupRound round, int index, ProducerRecord<byte[], byte[]> out, Exception error) {
        InFlightRecord record = round.record(index);
        if (error == null) {
            health.succeeded();
            RecordTracing.RecordSpans spans = round.spans(index);
            if (spans != null) {
                tracing.ended(spans, null);
            }
            lifecycle.acknowledged(record);
            if (round.acknowledged(index)) {
                again(round);
            }
            return;
        }
        if (sends.broke(record, error)) {
            return; // The instance stops; the records are read again from the committed offsets.
        }
        if (error instanceof RecordTooLargeException) {
            tooLarge(round, index, out, error);
        } else {
            health.failed(error);
        }
        if (round.failed(index)) {
            again(round);
        }
    }

    /** Decides what the next round sends for a record the broker refused as too large. */
    private void tooLarge(GroupRound round, int index, ProducerRecord<byte[], byte[]> out, Exception error) {
        InFlightRecord record = round.record(index);
        if (record.destination() != Destination.DEAD_LETTER) {
            LOG.warnf("%s: the broker refused its %s (%s); dead-lettering it", record, out.topic(), error.getMessage());
            lifecycle.refused(record, error); // The owner makes it a dead letter; the next round sends that.
            round.prepare(index, null);
        } else if (out.value() != null) {
            LOG.warnf("%s: the broker refused its dead letter of %d bytes; writing it without its value", record, out.value().length);
            round.prepare(index, new ProducerRecord<>(out.topic(), null, null, out.key(), null,
                    FailureHeaders.truncated(out.headers(), out.value().length)));
        } else {
            health.failed(error); // Even key and headers are too large: an operator must raise the topic's limit.
        }
    }

    /**
     * A round ended with a failure: after a backoff, the next round sends every record of the group
     * not yet acknowledged, in offset order. The key's lane stays held meanwhile, so a broker away
     * for longer than the producer's timeouts delays a key's records but never reorders them.
     */
    private void again(GroupRound round) {
        if (closed) {
            return;
        }
        int failures = round.nextRound();
        timer.schedule(() -> publisher.execute(() -> sendRound(round)), backoff.delayMillis(failures), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        closed = true;
        timer.shutdownNow();
        publisher.shutdownNow();
    }
}
