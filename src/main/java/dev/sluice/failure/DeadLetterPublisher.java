package dev.sluice.failure;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.InFlightRecord;
import dev.sluice.ingest.InFlightRecords;
import dev.sluice.publish.RecordProducer;

/**
 * Parks a record sluice gave up on in the dead-letter topic: the original key and value byte for
 * byte, the caller's own headers, and the contract's {@code sluice-*} headers saying why. The
 * record ends (and its offset may be committed) only once the broker acknowledges the dead letter.
 */
@Singleton
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final RecordProducer producer;
    private final InFlightRecords inFlight;
    private final String topic;

    @Inject
    public DeadLetterPublisher(RecordProducer producer, InFlightRecords inFlight, SluiceConfig config) {
        this.producer = producer;
        this.inFlight = inFlight;
        this.topic = config.topics().dlq();
    }

    public void publish(InFlightRecord record, FailureReason reason, Throwable cause) {
        Headers headers = FailureHeaders.of(record, reason, cause);
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(topic, null, null, record.key(), record.value(), headers);
        producer.send(deadLetter, (metadata, error) -> {
            if (error == null) {
                inFlight.ended(record);
            } else {
                // Not ended: its offset stays uncommitted and the record is read again after a restart.
                LOG.errorf(error, "dead letter for %s was not acknowledged; its offset stays uncommitted", record);
            }
        });
    }
}
