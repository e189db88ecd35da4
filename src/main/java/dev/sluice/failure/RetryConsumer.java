package dev.sluice.failure;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import dev.sluice.ingest.InFlightRecord;
import dev.sluice.ingest.RecordIntake;
import dev.sluice.ordering.OrderingGate;
import dev.sluice.support.DaemonThreads;

/**
 * The retry channel: records parked by {@link FailedRecordPublisher#retryLater} are taken in like requests (their
 * offsets tracked and committed the same way), held until their due time, then go through the
 * ordering gate again with their earlier attempts and origin restored. Its own consumer and group,
 * so waiting retries never hold back the requests partitions.
 */
@Singleton
public class RetryConsumer {

    public static final String CHANNEL = "retries";

    private final RecordIntake intake;
    private final OrderingGate ordering;
    private final ScheduledExecutorService timer = DaemonThreads.timer("sluice-retry-due");

    @Inject
    public RetryConsumer(RecordIntake intake, OrderingGate ordering) {
        this.intake = intake;
        this.ordering = ordering;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        return intake.take(records, this::resume);
    }

    private void resume(InFlightRecord record) {
        record.resumeFrom(
                orDefault(FailureHeaders.value(record.headers(), DeadLetterHeaders.ORIGINAL_TOPIC), record.partition().topic()),
                (int) number(record, DeadLetterHeaders.ORIGINAL_PARTITION, record.partition().partition()),
                number(record, DeadLetterHeaders.ORIGINAL_OFFSET, record.offset()),
                (int) number(record, DeadLetterHeaders.ATTEMPTS, 1),
                number(record, DeadLetterHeaders.FIRST_FAILURE_MS, 0),
                number(record, DeadLetterHeaders.LAST_FAILURE_MS, 0));
        long wait = number(record, DeadLetterHeaders.RETRY_DUE_MS, 0) - System.currentTimeMillis();
        if (wait <= 0) {
            ordering.submit(record);
        } else {
            timer.schedule(() -> ordering.submit(record), wait, TimeUnit.MILLISECONDS);
        }
    }

    private static long number(InFlightRecord record, String header, long absent) {
        String value = FailureHeaders.value(record.headers(), header);
        if (value == null) {
            return absent;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return absent; // A retry record edited by hand: fall back rather than lose it.
        }
    }

    private static String orDefault(String value, String absent) {
        return value == null ? absent : value;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
