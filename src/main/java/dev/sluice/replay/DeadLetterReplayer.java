package dev.sluice.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import dev.sluice.config.KafkaClientSettings;
import dev.sluice.config.SluiceConfig;
import dev.sluice.metrics.SluiceMetrics;
import dev.sluice.publish.RecordProducer;
import dev.sluice.record.DeadLetterHeaders;

/**
 * Sends dead letters back to the requests topic, key and value unchanged, the caller's headers
 * kept and {@code sluice-replay-count} raised by one; a dead letter that has been replayed
 * {@code sluice.dlq.max-replays} times stays parked. Where a replay stopped is the committed
 * offset of the group {@code <group-id>-dlq-replay}, so the next replay goes on from there
 * ({@code rescan} starts over, replaying each chain of replays once, from its newest dead letter).
 * Replays are serialized: one at a time per instance. A dead letter whose replay succeeded leaves no
 * trace in the dead-letter topic: a rescan replays it again (one more result), within max-replays
 * only for chains that failed again.
 */
@Singleton
public class DeadLetterReplayer {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplayer.class);

    private final KafkaClientSettings kafka;
    private final RecordProducer producer;
    private final String deadLetterTopic;
    private final String requestsTopic;
    private final String group;
    private final int maxReplays;
    private final SluiceMetrics metrics;

    @Inject
    public DeadLetterReplayer(KafkaClientSettings kafka, RecordProducer producer, SluiceMetrics metrics,
            SluiceConfig config) {
        this.metrics = metrics;
        this.kafka = kafka;
        this.producer = producer;
        this.deadLetterTopic = config.topics().dlq();
        this.requestsTopic = config.topics().requests();
        this.group = config.groupId() + "-dlq-replay";
        this.maxReplays = config.dlq().maxReplays();
    }

    @Scheduled(cron = "${sluice.dlq.replay.cron}", identity = "sluice-dlq-replay", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        ReplayReport report = replay(ReplayRequest.ALL);
        LOG.infof("scheduled dead-letter replay: %s", report);
    }

    public synchronized ReplayReport replay(ReplayRequest request) {
        long limit = request.limit();
        boolean stoppedAtLimit = false;
        long scanned = 0;
        long replayed = 0;
        long parked = 0;
        long filteredOut = 0;
        long superseded = 0;
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer("sluice-dlq-replay", group))) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic).stream()
                    .map(p -> new TopicPartition(deadLetterTopic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<String, String> newestOfChain = Map.of();
            if (Boolean.TRUE.equals(request.rescan())) {
                consumer.seekToBeginning(partitions);
                newestOfChain = newestOfEachChain(consumer, partitions, end);
                consumer.seekToBeginning(partitions);
            }
            scan : while (!reachedEnd(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    if (replayed >= limit) {
                        stoppedAtLimit = true;
                        break scan;
                    }
                    scanned++;
                    progress.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    if (!request.matches(DeadLetterHeaders.value(record.headers(), DeadLetterHeaders.REASON), record.timestamp())) {
                        filteredOut++;
                        continue;
                    }
                    String origin = origin(record);
                    String newest = newestOfChain.get(origin);
                    if (newest != null && !newest.equals(coordinates(record))) {
                        superseded++; // A later dead letter of the same chain stands for it: replaying both would multiply it.
                        continue;
                    }
                    int count = replayCount(record.headers());
                    if (count >= maxReplays) {
                        parked++;
                        continue;
                    }
                    sends.add(producer.send(new ProducerRecord<>(requestsTopic, null, record.key(), record.value(),
                            replayHeaders(record.headers(), count + 1, origin))));
                    replayed++;
                }
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get(); // Only once every replayed record is durable may the scan position move.
            }
            if (!progress.isEmpty()) {
                consumer.commitSync(progress);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted; the replay position did not move", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("replay failed: " + e.getCause() + "; the replay position did not move", e.getCause());
        }
        metrics.replayed(replayed);
        return new ReplayReport(scanned, replayed, parked, filteredOut, superseded, limit, stoppedAtLimit);
    }

    /**
     * A rescan's first pass: for every chain of replays (a dead letter, its replayed copy's dead
     * letter, and so on), the coordinates of its newest dead letter, the one with the highest replay
     * count. Only chains with a replayed member are listed: a dead letter never replayed is its own
     * chain. The second pass replays each chain once, from its newest, so {@code max-replays} bounds
     * a chain however often it is rescanned.
     */
    private static Map<String, String> newestOfEachChain(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end) {
        Map<String, String> newest = new HashMap<>();
        Map<String, Integer> highest = new HashMap<>();
        while (!reachedEnd(consumer, end)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                    continue;
                }
                String origin = DeadLetterHeaders.value(record.headers(), DeadLetterHeaders.REPLAY_ORIGIN);
                if (origin == null) {
                    continue;
                }
                int count = replayCount(record.headers());
                if (count >= highest.getOrDefault(origin, -1)) {
                    highest.put(origin, count);
                    newest.put(origin, coordinates(record));
                }
            }
        }
        return newest;
    }

    /** The first dead letter of the record's chain: named in its header, or the record itself. */
    private static String origin(ConsumerRecord<byte[], byte[]> record) {
        String origin = DeadLetterHeaders.value(record.headers(), DeadLetterHeaders.REPLAY_ORIGIN);
        return origin != null ? origin : coordinates(record);
    }

    private static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "/" + record.offset();
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static int replayCount(Headers headers) {
        return (int) DeadLetterHeaders.number(headers, DeadLetterHeaders.REPLAY_COUNT, 0);
    }

    /** The caller's own headers, the new replay count and the chain's origin; the failure headers stay with the dead letter. */
    private static Headers replayHeaders(Headers original, int replayCount, String origin) {
        Headers headers = new RecordHeaders();
        for (Header header : original) {
            if (!header.key().startsWith(DeadLetterHeaders.PREFIX)) {
                headers.add(header);
            }
        }
        DeadLetterHeaders.add(headers, DeadLetterHeaders.REPLAY_COUNT, Integer.toString(replayCount));
        DeadLetterHeaders.add(headers, DeadLetterHeaders.REPLAY_ORIGIN, origin);
        return headers;
    }
}
