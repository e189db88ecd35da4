package dev.sluice.lifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.sluice.config.OrderingMode;
import dev.sluice.metrics.SluiceMetrics;
import dev.sluice.record.Label;
import dev.sluice.record.Sentiment;
import dev.sluice.record.SentimentRequest;
import dev.sluice.testing.SluiceConfigs;

/**
 * The record owner wired with fake ports and no broker: what it offers for scoring and hands the
 * publisher is recorded; commits go to a {@link MockConsumer}. Each test builds its own.
 */
final class OwnerFixture {

    static final String REQUESTS = "sluice.requests";
    static final String RETRY = "sluice.retry";
    static final TopicPartition P0 = new TopicPartition(REQUESTS, 0);
    static final TopicPartition P1 = new TopicPartition(REQUESTS, 1);

    final List<InFlightRecord> offered = new CopyOnWriteArrayList<>();
    /** How many records had been offered at each flush of the scoring queue. */
    final List<Integer> flushedAfter = new CopyOnWriteArrayList<>();
    final List<List<InFlightRecord>> published = new CopyOnWriteArrayList<>();
    final AtomicInteger commitsRequested = new AtomicInteger();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final SluiceMetrics metrics = new SluiceMetrics(registry, SluiceConfigs.defaults());
    final OffsetLedger ledger = new OffsetLedger();
    final InFlightBudget requestBudget;
    final Budgets budgets;
    final SendOrder sendOrder;
    final RecordLifecycle lifecycle;
    final RecordIntake intake;
    final OffsetCommitter committer;
    final PartitionOwnership ownership;
    final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    OwnerFixture() {
        this(OrderingMode.KEY, new LaneSendOrder(), 1000, false);
    }

    OwnerFixture(OrderingMode ordering, SendOrder sendOrder, int maxInFlight, boolean dedupe) {
        this.sendOrder = sendOrder;
        this.requestBudget = new InFlightBudget(maxInFlight);
        this.budgets = new Budgets(requestBudget, new InFlightBudget(1000), RETRY);
        // Two attempts in process, a third through the retry topic, then the dead-letter topic; 1 ms backoff, no jitter.
        RetryPolicy policy = new RetryPolicy(new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 0), 4, 2);
        ScoringQueue scoring = new ScoringQueue() {

            @Override
            public void offer(InFlightRecord record) {
                offered.add(record);
            }

            @Override
            public void flush() {
                flushedAfter.add(offered.size());
            }
        };
        OutcomePublisher publisher = new OutcomePublisher() {

            @Override
            public void publishAll(List<List<InFlightRecord>> groups) {
                published.addAll(groups);
            }

            /** A result naming the thread that built it. */
            @Override
            public ProducerRecord<byte[], byte[]> resultAhead(InFlightRecord scored) {
                return new ProducerRecord<>("sluice.results", scored.key(),
                        Thread.currentThread().getName().getBytes(StandardCharsets.UTF_8));
            }
        };
        this.lifecycle = new RecordLifecycle(ledger, metrics, sendOrder, new KeyLanes(ordering), policy, REQUESTS, () -> scoring,
                () -> publisher);
        this.intake = new RecordIntake(ledger, budgets, lifecycle, metrics, commitsRequested::incrementAndGet, dedupe);
        this.committer = new OffsetCommitter(ledger, budgets, new ConsumerOffsetCommits());
        this.ownership = new PartitionOwnership(ledger, budgets, committer, lifecycle, intake, metrics, Duration.ZERO);
    }

    /** The partitions are assigned to the mock consumer and to the owner, as the connector does. */
    OwnerFixture assigned(TopicPartition... partitions) {
        consumer.assign(List.of(partitions));
        ownership.onPartitionsAssigned(consumer, List.of(partitions));
        return this;
    }

    /** Polls one record per {key, offset} pair of the partition, in the order given. */
    List<InFlightRecord> poll(TopicPartition partition, Object... keysAndOffsets) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < keysAndOffsets.length; i += 2) {
            String key = (String) keysAndOffsets[i];
            long offset = ((Number) keysAndOffsets[i + 1]).longValue();
            records.add(new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                    key == null ? null : key.getBytes(StandardCharsets.UTF_8), ("{\"id\":\"" + offset + "\",\"text\":\"t\"}").getBytes(
                            StandardCharsets.UTF_8)));
        }
        int before = offered.size();
        intake.takeRequests(new ConsumerRecords<>(Map.of(partition, records), Map.of()));
        return new ArrayList<>(offered.subList(before, offered.size()));
    }

    /** The scoring stage parses and scores the records in one model call. */
    void score(InFlightRecord... records) {
        List<InFlightRecord> batch = List.of(records);
        for (InFlightRecord record : batch) {
            lifecycle.parsed(record, new SentimentRequest(record.toString(), "t", null, "s", null, null));
        }
        lifecycle.scoring(batch);
        lifecycle.scored(batch, batch.stream().map(r -> new Sentiment(Label.POSITIVE, 0.9)).toList(), "test-model");
    }

    /** Every record published so far, in the order handed over. */
    List<InFlightRecord> publishedRecords() {
        return published.stream().flatMap(List::stream).toList();
    }

    /** The broker acknowledges everything published and not yet acknowledged, in order. */
    void acknowledgeAll() {
        for (int next = 0; next < publishedRecords().size(); next++) {
            InFlightRecord record = publishedRecords().get(next);
            if (record.state() == RecordState.PUBLISHING) {
                lifecycle.acknowledged(record);
            }
        }
    }
}
