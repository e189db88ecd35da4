package dev.sluice.failure;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
    private static final int MAX_MESSAGE_CHARS = 1024;

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
        Headers headers = new RecordHeaders();
        String replayCount = null;
        if (record.headers() != null) {
            for (Header header : record.headers()) {
                if (header.key().equals(DeadLetterHeaders.REPLAY_COUNT)) {
                    replayCount = new String(header.value(), StandardCharsets.UTF_8);
                } else if (!header.key().startsWith(DeadLetterHeaders.PREFIX)) {
                    headers.add(header);
                }
            }
        }
        add(headers, DeadLetterHeaders.REASON, reason.header());
        add(headers, DeadLetterHeaders.CLASS, cause.getClass().getName());
        add(headers, DeadLetterHeaders.MESSAGE, truncate(String.valueOf(cause.getMessage())));
        add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.partition().topic());
        add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition().partition()));
        add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
        add(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(record.attempts()));
        add(headers, DeadLetterHeaders.FIRST_FAILURE_MS, Long.toString(record.firstFailureMs()));
        add(headers, DeadLetterHeaders.LAST_FAILURE_MS, Long.toString(record.lastFailureMs()));
        if (replayCount != null) {
            add(headers, DeadLetterHeaders.REPLAY_COUNT, replayCount);
        }
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

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
