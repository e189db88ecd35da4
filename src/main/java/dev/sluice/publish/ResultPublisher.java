package dev.sluice.publish;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import dev.sluice.config.SluiceConfig;
import dev.sluice.failure.FailureHandler;
import dev.sluice.failure.FailureReason;
import dev.sluice.inference.Sentiment;
import dev.sluice.ingest.InFlightRecord;
import dev.sluice.ingest.InFlightRecords;
import dev.sluice.ops.SluiceMetrics;
import dev.sluice.ordering.OrderingGate;

/**
 * Sends a scored record's result to the results topic, keyed like the request so that the default
 * partitioner keeps a key's results together. The record's lane is released as soon as the send is
 * handed to the producer (which keeps per-partition order from there); the record ends only when
 * the broker acknowledges the result.
 */
@Singleton
public class ResultPublisher {

    private static final Logger LOG = Logger.getLogger(ResultPublisher.class);

    private final RecordProducer producer;
    private final ResultWriter writer;
    private final OrderingGate ordering;
    private final InFlightRecords inFlight;
    private final FailureHandler failures;
    private final SluiceMetrics metrics;
    private final String topic;

    @Inject
    public ResultPublisher(RecordProducer producer, ResultWriter writer, OrderingGate ordering, InFlightRecords inFlight,
            FailureHandler failures, SluiceMetrics metrics, SluiceConfig config) {
        this.metrics = metrics;
        this.producer = producer;
        this.writer = writer;
        this.ordering = ordering;
        this.inFlight = inFlight;
        this.failures = failures;
        this.topic = config.topics().results();
    }

    public void publish(InFlightRecord record, Sentiment sentiment, String modelId) {
        byte[] value = writer.write(record, sentiment, modelId, System.currentTimeMillis());
        producer.send(new ProducerRecord<>(topic, null, record.key(), value), (metadata, error) -> {
            if (error == null) {
                inFlight.ended(record);
                Long requested = record.request().timestamp();
                metrics.processed(record.originPartition(), record.request().source(), sentiment.label(),
                        requested != null ? requested : record.recordTimestamp(), System.currentTimeMillis());
            } else {
                LOG.warnf(error, "result of %s was not acknowledged", record);
                failures.failed(record, FailureReason.PROCESSING_FAILED, error);
            }
        });
        ordering.release(record);
    }
}
