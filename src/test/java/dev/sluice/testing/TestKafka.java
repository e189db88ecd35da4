package dev.sluice.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients against the test broker: produce, read a topic to its end, offsets. */
public final class TestKafka implements AutoCloseable {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final String bootstrap;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;

    public TestKafka(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    public static TestKafka connect() {
        return new TestKafka(KafkaBrokerResource.bootstrapServers());
    }

    public void send(ProducerRecord<byte[], byte[]> record) {
        producer.send(record);
    }

    /** Sends and waits for the broker's acknowledgement. */
    /** Sends without waiting; the future says where the record landed. */
    public java.util.concurrent.Future<RecordMetadata> sendAsync(ProducerRecord<byte[], byte[]> record) {
        return producer.send(record);
    }

    public RecordMetadata sendAndWait(ProducerRecord<byte[], byte[]> record) throws Exception {
        return producer.send(record).get(30, TimeUnit.SECONDS);
    }

    /** The {@code id} of each JSON record value (results, typically). */
    public static Set<String> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> ids = new java.util.HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                ids.add(JSON.readTree(record.value()).get("id").asText());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("not a JSON record: " + record, e);
            }
        }
        return ids;
    }

    public void flush() {
        producer.flush();
    }

    /** Log-end offsets of every partition of a topic. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            List<TopicPartition> partitions = partitions(topic);
            Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            ListOffsetsResult result = admin.listOffsets(request);
            Map<TopicPartition, Long> out = new HashMap<>();
            for (TopicPartition partition : partitions) {
                out.put(partition, result.partitionResult(partition).get(30, TimeUnit.SECONDS).offset());
            }
            return out;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The group's committed offsets on a topic (0 where nothing is committed). */
    public Map<TopicPartition, Long> committed(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> out = new HashMap<>();
            for (TopicPartition partition : partitions(topic)) {
                OffsetAndMetadata offset = offsets.get(partition);
                out.put(partition, offset == null ? 0L : offset.offset());
            }
            return out;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record of a topic from the beginning up to the log-end offsets as of this call. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return readAll(topic, false);
    }

    /**
     * Every record of a topic up to its end as of this call; with {@code readCommitted}, as a
     * downstream {@code isolation.level=read_committed} reader sees it: committed transactions only,
     * up to the last stable offset.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, boolean readCommitted) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted"))) {
            Map<TopicPartition, Long> end = readCommitted ? consumer.endOffsets(partitionsOf(topic)) : endOffsets(topic);
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        out.add(record);
                    }
                }
            }
        }
        return out;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> partitionsOf(String topic) {
        try {
            return partitions(topic);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<TopicPartition> partitions(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> names = Set.of(topic);
        return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
