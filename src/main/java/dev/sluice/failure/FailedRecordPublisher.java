package dev.sluice.failure;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.InFlightRecord;
import dev.sluice.ingest.InFlightRecords;
import dev.sluice.publish.RecordProducer;

/**
 * Parks a failed record, key and value byte for byte with the caller's headers and the contract's
 * {@code sluice-*} ones: in the dead-letter topic when sluice gives up on it, or in the retry topic
 * with a due time, so that its partition keeps flowing while it waits. The record ends (its offset
 * may be committed) only once the broker acknowledges the parked copy; until then it stays
 * uncommitted and is read again after a restart.
 */
@Singleton
public class FailedRecordPublisher {

    private static final Logger LOG = Logger.getLogger(FailedRecordPublisher.class);

    private final RecordProducer producer;
    private final InFlightRecords inFlight;
    private final String deadLetterTopic;
    private final String retryTopic;

    @Inject
    public FailedRecordPublisher(RecordProducer producer, InFlightRecords inFlight, SluiceConfig config) {
        this.producer = producer;
        this.inFlight = inFlight;
        this.deadLetterTopic = config.topics().dlq();
        this.retryTopic = config.topics().retry();
    }

    public void deadLetter(InFlightRecord record, FailureReason reason, Throwable cause) {
        park(deadLetterTopic, record, FailureHeaders.of(record, reason, cause));
    }

    public void retryLater(InFlightRecord record, FailureReason reason, Throwable cause, long dueAtMs) {
        Headers headers = FailureHeaders.of(record, reason, cause);
        FailureHeaders.add(headers, DeadLetterHeaders.RETRY_DUE_MS, Long.toString(dueAtMs));
        park(retryTopic, record, headers);
    }

    private void park(String topic, InFlightRecord record, Headers headers) {
        producer.send(new ProducerRecord<>(topic, null, null, record.key(), record.value(), headers), (metadata, error) -> {
            if (error == null) {
                inFlight.ended(record);
            } else {
                LOG.errorf(error, "%s of %s was not acknowledged; its offset stays uncommitted", topic, record);
            }
        });
    }
}
