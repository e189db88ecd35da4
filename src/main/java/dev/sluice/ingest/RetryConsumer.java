package dev.sluice.ingest;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import dev.sluice.config.Channels;
import dev.sluice.lifecycle.RecordIntake;

/**
 * The retry channel: records parked in the retry topic are taken in like requests (their offsets
 * tracked and committed the same way) and held by the owner until their due time. Its own consumer,
 * group and budget ({@code sluice.retry.max-waiting}), so waiting retries never pause requests.
 */
@Singleton
public class RetryConsumer {

    private final RecordIntake intake;

    @Inject
    public RetryConsumer(RecordIntake intake) {
        this.intake = intake;
    }

    @Incoming(Channels.RETRIES)
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        return intake.takeRetries(records);
    }
}
