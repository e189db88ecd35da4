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
 * Moves a failed record to the retry topic with a due time, so that its partition keeps flowing
 * while it waits. The original ends once the broker has the retry record; the retry consumer
 * takes it from there.
 */
@Singleton
public class RetryPublisher {

    private static final Logger LOG = Logger.getLogger(RetryPublisher.class);

    private final RecordProducer producer;
    private final InFlightRecords inFlight;
    private final String topic;

    @Inject
    public RetryPublisher(RecordProducer producer, InFlightRecords inFlight, SluiceConfig config) {
        this.producer = producer;
        this.inFlight = inFlight;
        this.topic = config.topics().retry();
    }

    public void publish(InFlightRecord record, FailureReason reason, Throwable cause, long dueAtMs) {
        Headers headers = FailureHeaders.of(record, reason, cause);
        FailureHeaders.add(headers, DeadLetterHeaders.RETRY_DUE_MS, Long.toString(dueAtMs));
        producer.send(new ProducerRecord<>(topic, null, null, record.key(), record.value(), headers), (metadata, error) -> {
            if (error == null) {
                inFlight.ended(record);
            } else {
                LOG.errorf(error, "retry record for %s was not acknowledged; its offset stays uncommitted", record);
            }
        });
    }
}
