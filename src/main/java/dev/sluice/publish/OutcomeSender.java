package dev.sluice.publish;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import dev.sluice.config.DeliveryMode;
import dev.sluice.config.SluiceConfig;
import dev.sluice.lifecycle.Backoff;
import dev.sluice.lifecycle.Destination;
import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.lifecycle.OutcomePublisher;
import dev.sluice.lifecycle.RecordLifecycle;
import dev.sluice.record.DeadLetterHeaders;
import dev.sluice.record.TraceContext;
import dev.sluice.support.DaemonThreads;

/**
 * The publish stage: writes each decided record's outcome — its result to the results topic (keyed
 * like the request, so the default partitioner keeps a key's results together), its retry record
 * with a due time, or its dead letter, key and value byte for byte — and reports it acknowledged to
 * the owner. A send that fails is sent again with backoff until the broker takes it, so a broker
 * away for a while delays records but never dead-letters or drops them. A dead letter the broker
 * refuses at full size is written without its value, its size in headers; a result it refuses is
 * dead-lettered instead.
 */
@Singleton
public class OutcomeSender implements OutcomePublisher {

    private static final Logger LOG = Logger.getLogger(OutcomeSender.class);

    private final RecordProducer producer;
    private final ResultWriter writer;
    private final RecordLifecycle lifecycle;
    private final PublishHealth health;
    private final Backoff backoff;
    private final String resultsTopic;
    private final String retryTopic;
    private final String deadLetterTopic;
    private final ScheduledExecutorService timer = DaemonThreads.timer("sluice-send-retry");
    /** Sends asked for from inside a producer callback run here instead (see {@link #publish}). */
    private final ExecutorService fromCallbacks = Executors.newSingleThreadExecutor(DaemonThreads.named("sluice-publisher"));
    private final ThreadLocal<Boolean> inCallback = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private volatile boolean closed;
    /** Exactly-once mode's producers; null in at-least-once mode. */
    private final TransactionalProducers transactions;
    private final int maxRequestSize;

    @Inject
    public OutcomeSender(RecordProducer producer, ResultWriter writer, RecordLifecycle lifecycle, PublishHealth health,
            SluiceConfig config, Instance<TransactionalProducers> transactions) {
        this.producer = producer;
        this.transactions = config.delivery() == DeliveryMode.EXACTLY_ONCE ? transactions.get() : null;
        this.maxRequestSize = producer.maxRequestSize();
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
     * Sends the record's outcome. An acknowledgement frees the next group of a key, and a refusal
     * turns a result into a dead letter, both inside the producer's callback: a send from there
     * could block on buffer memory that only that thread frees, so those sends move to one
     * publisher thread, while the common case (a worker publishing what it scored) sends directly.
     */
    @Override
    public void publish(InFlightRecord record) {
        if (inCallback.get()) {
            fromCallbacks.execute(() -> sendOutcome(record));
        } else {
            sendOutcome(record);
        }
    }

    /**
     * Builds and sends the record's outcome. One whose result or retry record cannot be built (the
     * content of one record reaching a case no code foresaw) becomes that record's dead letter; a
     * dead letter that cannot carry the caller's headers goes without them. Nothing here throws into
     * the caller's loop, which is publishing other records too.
     */
    private void sendOutcome(InFlightRecord record) {
        ProducerRecord<byte[], byte[]> out;
        try {
            out = outgoing(record);
        } catch (RuntimeException e) {
            if (record.destination() != Destination.DEAD_LETTER) {
                LOG.warnf(e, "%s: its %s could not be built; dead-lettering it", record, record.destination());
                lifecycle.refused(record, e);
                return;
            }
            LOG.warnf(e, "%s: its dead letter could not carry its headers; writing it with sluice's own only", record);
            out = new ProducerRecord<>(deadLetterTopic, null, null, record.key(), record.value(),
                    FailureHeaders.withoutCallerHeaders(record, record.failureReason(), record.failureCause()));
        }
        send(record, out, 0);
    }

    private ProducerRecord<byte[], byte[]> outgoing(InFlightRecord record) {
        return switch (record.destination()) {
            case RESULT -> new ProducerRecord<>(resultsTopic, null, null, record.key(),
                    writer.write(record, record.sentiment(), record.modelId(), System.currentTimeMillis()),
                    TraceContext.forResult(record.headers()));
            case RETRY_TOPIC -> {
                Headers headers = FailureHeaders.of(record, record.failureReason(), record.failureCause());
                DeadLetterHeaders.add(headers, DeadLetterHeaders.RETRY_DUE_MS, Long.toString(record.retryDueMs()));
                yield new ProducerRecord<>(retryTopic, null, null, record.key(), record.value(), headers);
            }
            case DEAD_LETTER -> new ProducerRecord<>(deadLetterTopic, null, null, record.key(), record.value(),
                    FailureHeaders.of(record, record.failureReason(), record.failureCause()));
        };
    }

    private void send(InFlightRecord record, ProducerRecord<byte[], byte[]> out, int failures) {
        if (closed || record.abandoned()) {
            return; // Shutting down, or the partition is gone: left uncommitted for the next owner.
        }
        Callback callback = (metadata, error) -> {
            inCallback.set(Boolean.TRUE);
            try {
                sent(record, out, failures, error);
            } finally {
                inCallback.set(Boolean.FALSE);
            }
        };
        try {
            if (transactions == null) {
                producer.send(out, callback);
            } else if (estimatedSize(out) > maxRequestSize) {
                // A refused send would break the whole transaction: refuse it here instead, as the broker would.
                sent(record, out, failures, new RefusedBeforeSending(estimatedSize(out), maxRequestSize));
            } else {
                transactions.send(record, out, callback);
            }
        } catch (RuntimeException e) {
            sent(record, out, failures, e); // Buffer full past max.block.ms, and the like.
        }
    }

    private void sent(InFlightRecord record, ProducerRecord<byte[], byte[]> out, int failures, Exception error) {
        if (error == null) {
            health.succeeded();
            lifecycle.acknowledged(record);
            return;
        }
        if (transactions != null && !(error instanceof RefusedBeforeSending)) {
            transactions.sendFailed(record, error); // The open transaction cannot commit: abort, and read its records again.
            return;
        }
        if (error instanceof RecordTooLargeException) {
            tooLarge(record, out, failures, error);
            return;
        }
        health.failed(error);
        again(record, out, failures);
    }

    private void tooLarge(InFlightRecord record, ProducerRecord<byte[], byte[]> out, int failures, Exception error) {
        if (record.destination() != Destination.DEAD_LETTER) {
            LOG.warnf("%s: the broker refused its %s (%s); dead-lettering it", record, out.topic(), error.getMessage());
            lifecycle.refused(record, error); // The owner makes it a dead letter and hands it back here.
        } else if (out.value() != null) {
            LOG.warnf("%s: the broker refused its dead letter of %d bytes; writing it without its value", record, out.value().length);
            ProducerRecord<byte[], byte[]> truncated = new ProducerRecord<>(out.topic(), null, null, out.key(), null,
                    FailureHeaders.truncated(out.headers(), out.value().length));
            fromCallbacks.execute(() -> send(record, truncated, failures));
        } else {
            health.failed(error); // Even key and headers are too large: an operator must raise the topic's limit.
            again(record, out, failures);
        }
    }

    private void again(InFlightRecord record, ProducerRecord<byte[], byte[]> out, int failures) {
        if (closed) {
            return;
        }
        // Never from the producer's own thread: a send there could block on the buffer only that thread frees.
        timer.schedule(() -> send(record, out, failures + 1), backoff.delayMillis(failures + 1), TimeUnit.MILLISECONDS);
    }

    /** Exactly-once: a record too large for the producer, found before it could break the transaction. */
    private static final class RefusedBeforeSending extends RecordTooLargeException {

        RefusedBeforeSending(int size, int limit) {
            super("about " + size + " bytes, over max.request.size " + limit);
        }
    }

    /** An upper bound of the record's size on the wire: key, value, headers and a batch's overhead. */
    private static int estimatedSize(ProducerRecord<byte[], byte[]> out) {
        int size = 128 + (out.key() == null ? 0 : out.key().length) + (out.value() == null ? 0 : out.value().length);
        for (Header header : out.headers()) {
            size += 16 + header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    @PreDestroy
    void stop() {
        closed = true;
        timer.shutdownNow();
        fromCallbacks.shutdownNow();
    }
}
