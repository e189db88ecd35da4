package dev.sluice.ingest;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import dev.sluice.config.Channels;
import dev.sluice.lifecycle.RecordIntake;

/**
 * Where polled batches enter sluice: the requests channel and the retry channel (its own consumer,
 * group and budget, {@code sluice.retry.max-waiting}, so waiting retries never pause requests).
 * Each batch goes to the owner's {@link RecordIntake}; parsing happens later, on the worker pool,
 * so this polling-thread step stays cheap.
 */
@Singleton
public class ConsumedChannels {

    private final RecordIntake intake;

    @Inject
    public ConsumedChannels(RecordIntake intake) {
        this.intake = intake;
    }

    @Incoming(Channels.REQUESTS)
    public Uni<Void> requests(ConsumerRecords<byte[], byte[]> records) {
        return intake.takeRequests(records);
    }

    @Incoming(Channels.RETRIES)
    public Uni<Void> retries(ConsumerRecords<byte[], byte[]> records) {
        return intake.takeRetries(records);
    }
}
