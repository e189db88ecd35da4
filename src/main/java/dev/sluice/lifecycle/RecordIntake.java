package dev.sluice.lifecycle;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

import io.smallrye.mutiny.Uni;

import dev.sluice.config.DedupeMode;
import dev.sluice.config.OrderingMode;
import dev.sluice.config.SluiceConfig;
import dev.sluice.metrics.SluiceMetrics;
import dev.sluice.record.DeadLetterHeaders;

/**
 * The owner's front door, on the connector's polling thread: registers each polled record with
 * its partition's tracker, counts it against its budget and hands it to {@link RecordLifecycle}.
 * The Uni it returns completes only when the budget has room: until then the connector requests
 * nothing more and pauses fetching, so no queue anywhere grows without bound.
 */
@Singleton
public class RecordIntake {

    private final OffsetLedger ledger;
    private final Budgets budgets;
    private final RecordLifecycle lifecycle;
    private final SluiceMetrics metrics;
    private final Runnable commitSoon;
    private final boolean dedupe;
    private volatile boolean stopped;

    @Inject
    public RecordIntake(OffsetLedger ledger, Budgets budgets, RecordLifecycle lifecycle, SluiceMetrics metrics, CommitScheduler commits,
            SluiceConfig config) {
        this(ledger, budgets, lifecycle, metrics, commits::commitSoon, config.dedupe() == DedupeMode.LATEST_PER_KEY);
        if (dedupe && config.ordering() != OrderingMode.KEY) {
            throw new IllegalArgumentException("sluice.dedupe=latest-per-key needs sluice.ordering=key");
        }
    }

    RecordIntake(OffsetLedger ledger, Budgets budgets, RecordLifecycle lifecycle, SluiceMetrics metrics, Runnable commitSoon,
            boolean dedupe) {
        this.ledger = ledger;
        this.budgets = budgets;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
        this.commitSoon = commitSoon;
        this.dedupe = dedupe;
    }

    /** Takes polled requests in; the Uni completes when the requests budget has room. */
    public Uni<Void> takeRequests(ConsumerRecords<byte[], byte[]> records) {
        InFlightBudget budget = budgets.requests();
        if (stopped) {
            return Uni.createFrom().voidItem(); // Shutting down: left uncommitted, read again after restart.
        }
        int taken = 0;
        for (TopicPartition partition : records.partitions()) {
            ContiguousOffsetTracker tracker = ledger.trackerFor(partition);
            if (tracker == null) {
                continue; // Fetched before the partition was revoked: its new owner reads these again.
            }
            List<ConsumerRecord<byte[], byte[]>> polled = records.records(partition);
            Map<ByteBuffer, Long> newest = dedupe ? newestOffsetByKey(polled) : null;
            for (ConsumerRecord<byte[], byte[]> polledRecord : polled) {
                InFlightRecord record = register(partition, polledRecord, tracker, budget);
                if (record == null) {
                    continue;
                }
                taken++;
                if (newest != null && superseded(polledRecord, newest)) {
                    lifecycle.superseded(record);
                } else {
                    lifecycle.taken(record);
                }
            }
        }
        if (taken > 0) {
            lifecycle.pollTaken();
        }
        return afterTaking(budget, taken);
    }

    /**
     * Takes records read back from the retry topic in, their earlier attempts and origin restored
     * from the headers, each held until its due time; the Uni completes when the retries budget has room.
     */
    public Uni<Void> takeRetries(ConsumerRecords<byte[], byte[]> records) {
        InFlightBudget budget = budgets.retries();
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        int taken = 0;
        long now = System.currentTimeMillis();
        for (TopicPartition partition : records.partitions()) {
            ContiguousOffsetTracker tracker = ledger.trackerFor(partition);
            if (tracker == null) {
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> polledRecord : records.records(partition)) {
                InFlightRecord record = register(partition, polledRecord, tracker, budget);
                if (record == null) {
                    continue;
                }
                taken++;
                Headers headers = polledRecord.headers();
                String origin = DeadLetterHeaders.value(headers, DeadLetterHeaders.ORIGINAL_TOPIC);
                record.resumeFrom(origin == null ? partition.topic() : origin,
                        (int) DeadLetterHeaders.number(headers, DeadLetterHeaders.ORIGINAL_PARTITION, partition.partition()),
                        DeadLetterHeaders.number(headers, DeadLetterHeaders.ORIGINAL_OFFSET, polledRecord.offset()),
                        (int) DeadLetterHeaders.number(headers, DeadLetterHeaders.ATTEMPTS, 1),
                        DeadLetterHeaders.number(headers, DeadLetterHeaders.FIRST_FAILURE_MS, 0),
                        DeadLetterHeaders.number(headers, DeadLetterHeaders.LAST_FAILURE_MS, 0));
                lifecycle.takenForRetry(record, DeadLetterHeaders.number(headers, DeadLetterHeaders.RETRY_DUE_MS, 0) - now);
            }
        }
        if (taken > 0) {
            lifecycle.pollTaken(); // Those due now were offered at once.
        }
        return afterTaking(budget, taken);
    }

    private static InFlightRecord register(TopicPartition partition, ConsumerRecord<byte[], byte[]> polled, ContiguousOffsetTracker tracker,
            InFlightBudget budget) {
        if (!tracker.register(polled.offset())) {
            return null; // Delivered twice (the fetch position moved back): already tracked.
        }
        budget.admit();
        return new InFlightRecord(partition, polled.offset(), polled.key(), polled.value(), polled.timestamp(), polled.headers(), tracker,
                budget);
    }

    private Uni<Void> afterTaking(InFlightBudget budget, int taken) {
        metrics.consumed(taken);
        if (budget.underPressure()) {
            commitSoon.run(); // Room comes back only with a commit: do not wait for the interval.
        }
        return budget.awaitRoom();
    }

    private static Map<ByteBuffer, Long> newestOffsetByKey(List<ConsumerRecord<byte[], byte[]>> polled) {
        Map<ByteBuffer, Long> newest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : polled) {
            if (record.key() != null) {
                newest.put(ByteBuffer.wrap(record.key()), record.offset());
            }
        }
        return newest;
    }

    private static boolean superseded(ConsumerRecord<byte[], byte[]> record, Map<ByteBuffer, Long> newest) {
        return record.key() != null && newest.get(ByteBuffer.wrap(record.key())) > record.offset();
    }

    /** Takes no more records in (shutdown); what is in flight goes on. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }
}
