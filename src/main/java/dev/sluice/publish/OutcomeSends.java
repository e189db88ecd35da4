package dev.sluice.publish;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.sluice.lifecycle.InFlightRecord;

/**
 * The delivery part that hands an outcome to Kafka: {@link PlainSends} (at-least-once: the shared
 * idempotent producer) or {@link TransactionalSends} (exactly-once: into the open transaction of
 * the record's input topic). Chosen once at start by {@link PublishParts}.
 */
interface OutcomeSends {

    /**
     * Sends {@code out}, the outcome of {@code record}; {@code callback} gets the broker's answer. May
     * answer at once, on this thread, with an error for a record it will not send.
     */
    void send(InFlightRecord record, ProducerRecord<byte[], byte[]> out, Callback callback);

    /**
     * A send failed: true when the failure broke what the send belonged to (a transaction: the
     * instance stops and its records are read again), false when the send may simply be repeated.
     */
    boolean broke(InFlightRecord record, Exception error);
}
