package dev.sluice.publish;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

import dev.sluice.config.KafkaClientSettings;
import dev.sluice.config.SluiceConfig;

/**
 * The one producer behind results, retries and dead letters: idempotent, {@code acks=all}, so a
 * record counts as ended only once the broker has it durably. Sends go straight to the Kafka
 * client with a callback: on the hot path a per-record reactive wrapper costs more than the send.
 * Every {@code kafka.*} property (security, client tuning) applies to it too.
 */
@Startup
@Singleton
public class RecordProducer {

    private static final Logger LOG = Logger.getLogger(RecordProducer.class);

    private static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    private final Producer<byte[], byte[]> producer;
    private final int maxRequestSize;

    @Inject
    public RecordProducer(KafkaClientSettings kafka, SluiceConfig config) {
        this.maxRequestSize = TopicMessageLimit.largest(kafka, List.of(config.topics().dlq(), config.topics().retry()),
                DEFAULT_MAX_REQUEST_SIZE);
        this.producer = new KafkaProducer<>(kafka.producer("sluice-producer", maxRequestSize));
        String results = config.topics().results();
        // Fetch the results topic's metadata now, not in the first send (which would block a worker while it waits).
        CompletableFuture.runAsync(() -> {
            try {
                producer.partitionsFor(results);
            } catch (RuntimeException e) {
                LOG.warnf("no metadata for %s yet (%s); the first result send will wait for it", results, e.toString());
            }
        });
    }

    /** The largest request this producer sends ({@code max.request.size}). */
    public int maxRequestSize() {
        return maxRequestSize;
    }

    /** Hands a record to the client; per-partition order is kept from here on. */
    public void send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        producer.send(record, callback);
    }

    /** Hands a record to the client; the future completes when the broker acknowledges it. */
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return producer.send(record);
    }

    public void flush() {
        producer.flush();
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
