package dev.sluice.publish;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;

import dev.sluice.config.KafkaClientSettings;
import dev.sluice.config.SluiceConfig;
import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.lifecycle.TransactionalCommits;
import dev.sluice.metrics.SluiceMetrics;

/**
 * {@code sluice.delivery=exactly-once}: one transactional producer per input topic (requests,
 * retry), because a transaction commits the offsets of one consumer group, with the group's
 * metadata so that a zombie of an older generation is fenced. Outcomes are sent into the open
 * transaction; every commit interval the transaction commits with the offsets they finished. A
 * transaction that fails is aborted and the instance stops (exit status 3): its records are read
 * again from the committed offsets by whoever owns their partitions next, and the restarted
 * instance's producers fence anything of its predecessor still open.
 */
@Singleton
public class TransactionalProducers implements TransactionalCommits {

    private static final Logger LOG = Logger.getLogger(TransactionalProducers.class);
    /** The exit status of an instance stopped by a failed transaction. */
    public static final int EXIT_STATUS = 3;

    private final Map<String, TransactionFlow> flows;
    private final String transactionalIdPrefix;
    private final SluiceMetrics metrics;
    private final PublishHealth health;
    private volatile boolean broken;

    @Inject
    public TransactionalProducers(KafkaClientSettings kafka, SluiceConfig config,
            RecordProducer plain, SluiceMetrics metrics, PublishHealth health) {
        this.metrics = metrics;
        this.health = health;
        this.transactionalIdPrefix = config.exactlyOnce().transactionalId().filter(id -> !id.isBlank())
                .orElseGet(TransactionalProducers::hostName);
        int timeoutMs = (int) config.exactlyOnce().transactionTimeout().toMillis();
        String requests = config.topics().requests();
        String retry = config.topics().retry();
        this.flows = Map.of(requests, flow(kafka, config, plain, "requests", timeoutMs), retry,
                flow(kafka, config, plain, "retries", timeoutMs));
        LOG.infof("exactly-once delivery: transactional ids %s-requests and %s-retries", transactionalIdPrefix, transactionalIdPrefix);
    }

    private TransactionFlow flow(KafkaClientSettings kafka, SluiceConfig config, RecordProducer plain, String input, int timeoutMs) {
        Map<String, Object> props = kafka.producer("sluice-producer-" + input, plain.maxRequestSize());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + "-" + input);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, timeoutMs);
        return new TransactionFlow(props);
    }

    /** The transactional id prefix: the pod name on Kubernetes; random (and said so) where there is no host name. */
    private static String hostName() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                name = null;
            }
        }
        if (name == null || name.isBlank()) {
            name = "sluice-" + UUID.randomUUID();
            LOG.warnf("no host name: transactional id prefix %s is not stable across restarts; set sluice.exactly-once.transactional-id",
                    name);
        }
        return name;
    }

    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    /**
     * Sends an outcome of a record read from {@code record.partition().topic()} in that topic's open
     * transaction. Returns false, sending nothing, when the record's partition was let go or
     * transactions are broken.
     */
    boolean send(InFlightRecord record, ProducerRecord<byte[], byte[]> out, Callback callback) {
        TransactionFlow flow = flows.get(record.partition().topic());
        if (flow == null) {
            throw new IllegalStateException("no transactional producer for input topic " + record.partition().topic());
        }
        return flow.send(() -> !broken && !record.abandoned(), out, callback);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> commit(String inputTopic, Consumer<?, ?> consumer,
            Supplier<Map<TopicPartition, OffsetAndMetadata>> offsets, Runnable thenLocked) {
        TransactionFlow flow = flows.get(inputTopic);
        if (flow == null) {
            throw new IllegalStateException("no transactional producer for input topic " + inputTopic);
        }
        if (broken) {
            throw new IllegalStateException("transactions are broken; nothing more commits");
        }
        long start = System.nanoTime();
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = flow.commit(() -> consumer.groupMetadata(), offsets, thenLocked);
            if (committed != null) {
                metrics.transactionCommitted(System.nanoTime() - start);
                return committed;
            }
            return Map.of();
        } catch (RuntimeException e) {
            fail(inputTopic + " transaction failed", e);
            throw e;
        }
    }

    /** A send in a transaction failed: the transaction cannot commit any more. */
    void sendFailed(InFlightRecord record, Exception error) {
        fail("sending an outcome of " + record + " failed", error);
    }

    @Override
    public void abandon(String why) {
        fail(why, null);
    }

    @Override
    public boolean broken() {
        return broken;
    }

    private synchronized void fail(String why, Throwable cause) {
        if (broken) {
            return;
        }
        broken = true;
        metrics.transactionAborted();
        health.failed(cause != null ? cause : new IllegalStateException(why));
        LOG.errorf(cause, "exactly-once: %s; aborting the open transactions and stopping (exit status %d) so that their records are"
                + " read again from the committed offsets", why, EXIT_STATUS);
        // Not on the caller's thread: it may be the producer's own, which an abort waits for.
        Thread abort = new Thread(() -> flows.values().forEach(TransactionFlow::abortQuietly), "sluice-transaction-abort");
        abort.setDaemon(true);
        abort.start();
        Quarkus.asyncExit(EXIT_STATUS);
    }

    /** The current transactions' figures for the ops API. */
    public List<String> transactionalIds() {
        return flows.values().stream().map(TransactionFlow::transactionalId).sorted().toList();
    }

    @PreDestroy
    void close() {
        flows.values().forEach(flow -> flow.close(Duration.ofSeconds(10)));
    }
}
