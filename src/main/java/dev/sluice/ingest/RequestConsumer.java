package dev.sluice.ingest;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import dev.sluice.offsets.ContiguousOffsetTracker;
import dev.sluice.offsets.OffsetLedger;
import dev.sluice.ordering.OrderingGate;

/**
 * Intake: takes each polled batch of requests from the connector, registers every offset with its
 * partition's tracker and hands the records to the ordering gate. Parsing happens later, on the
 * worker pool, so this event-loop step stays cheap. The returned Uni completes when the in-flight
 * budget has room: until then the connector requests nothing more and pauses fetching.
 */
@Singleton
public class RequestConsumer {

    public static final String CHANNEL = "requests";

    private final OffsetLedger ledger;
    private final OrderingGate ordering;
    private final InFlightRecords inFlight;
    private volatile boolean stopped;

    @Inject
    public RequestConsumer(OffsetLedger ledger, OrderingGate ordering, InFlightRecords inFlight) {
        this.ledger = ledger;
        this.ordering = ordering;
        this.inFlight = inFlight;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        if (stopped) {
            return Uni.createFrom().voidItem(); // Shutting down: left uncommitted, read again after restart.
        }
        for (TopicPartition partition : records.partitions()) {
            ContiguousOffsetTracker tracker = ledger.trackerFor(partition);
            if (tracker == null) {
                continue; // Fetched before the partition was revoked: its new owner reads these again.
            }
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (!tracker.register(record.offset())) {
                    continue; // Delivered twice (the fetch position moved back): already tracked.
                }
                inFlight.admit();
                ordering.submit(new InFlightRecord(partition, record.offset(), record.key(), record.value(),
                        record.timestamp(), record.headers(), tracker));
            }
        }
        return inFlight.awaitRoom();
    }

    /** Takes no more records in; what is in flight goes on. */
    public void stop() {
        stopped = true;
    }
}
