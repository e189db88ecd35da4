package dev.sluice.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.smallrye.common.annotation.Identifier;

/**
 * The one place the settings of sluice's own Kafka clients are built (the connector builds its
 * consumers from {@code mp.messaging.*}). Each starts from every {@code kafka.*} property its
 * client type knows (bootstrap, security, tuning), so a SASL or TLS setting reaches every client;
 * what sluice's guarantees rest on is set last, so nothing overrides it.
 */
@Singleton
public class KafkaClientSettings {

    private final Map<String, Object> kafka;
    private final SluiceConfig.Producer producer;

    @Inject
    public KafkaClientSettings(@Identifier("default-kafka-broker") Map<String, Object> kafka, SluiceConfig config) {
        this(kafka, config.producer());
    }

    public KafkaClientSettings(Map<String, Object> kafka, SluiceConfig.Producer producer) {
        this.kafka = Map.copyOf(kafka);
        this.producer = producer;
    }

    /** An admin client's settings, with its own id and timeouts (it only reads metadata and offsets). */
    public Map<String, Object> admin(String clientId, int apiTimeoutMs, int requestTimeoutMs) {
        Map<String, Object> props = known(AdminClientConfig.configNames());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, apiTimeoutMs);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        return props;
    }

    /**
     * A consumer's settings for reading sluice's own topics byte for byte: no auto commit, committed
     * records only, from the earliest offset; {@code groupId} null for a consumer that assigns itself.
     */
    public Map<String, Object> consumer(String clientId, String groupId) {
        Map<String, Object> props = known(ConsumerConfig.configNames());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Dead letters of aborted transactions (exactly-once mode) never happened: never read them.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /**
     * The settings of every producer of outcomes: sluice's tuning ({@code sluice.producer.*}), then
     * every {@code kafka.*} producer property, then the guarantee (idempotent, {@code acks=all}).
     * {@code maxRequestSize} follows the largest record the parking topics accept, so a dead letter
     * goes byte for byte whenever its topic takes it.
     */
    public Map<String, Object> producer(String clientId, int maxRequestSize) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) producer.linger().toMillis());
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, producer.batchBytes());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, producer.compression());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestSize);
        props.putAll(known(ProducerConfig.configNames()));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private Map<String, Object> known(Set<String> names) {
        Map<String, Object> props = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (names.contains(key)) {
                props.put(key, value);
            }
        });
        return props;
    }
}
