package dev.sluice.ingest;

import java.util.function.Consumer;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.mutiny.Uni;

import dev.sluice.offsets.ContiguousOffsetTracker;
import dev.sluice.offsets.OffsetCommitter;
import dev.sluice.offsets.OffsetLedger;
import dev.sluice.ops.SluiceMetrics;

/**
 * Takes polled records in, whatever topic they come from: registers each offset with its
 * partition's tracker, counts it against the in-flight budget and hands it on. The returned Uni
 * completes when the budget has room: until then the connector requests nothing more and pauses
 * fetching. After {@link #stop()} nothing more is taken in.
 */
@Singleton
public class RecordIntake {

    private final OffsetLedger ledger;
    private final InFlightRecords inFlight;
    private final OffsetCommitter committer;
    private final SluiceMetrics metrics;
    private volatile boolean stopped;

    @Inject
    public RecordIntake(OffsetLedger ledger, InFlightRecords inFlight, OffsetCommitter committer, SluiceMetrics metrics) {
        this.ledger = ledger;
        this.inFlight = inFlight;
        this.committer = committer;
        this.metrics = metrics;
    }

    public Uni<Void> take(ConsumerRecords<byte[], byte[]> records, Consumer<InFlightRecord> next) {
        if (stopped) {
            return Uni.createFrom().voidItem(); // Shutting down: left uncommitted, read again after restart.
        }
        int taken = 0;
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
                taken++;
                next.accept(new InFlightRecord(partition, record.offset(), record.key(), record.value(), record.timestamp(),
                        record.headers(), tracker));
            }
        }
        metrics.consumed(taken);
        if (inFlight.underPressure()) {
            committer.commitSoon(); // Room comes back only with a commit: do not wait for the interval.
        }
        return inFlight.awaitRoom();
    }

    /** Takes no more records in; what is in flight goes on. */
    public void stop() {
        stopped = true;
    }
}
