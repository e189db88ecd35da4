package dev.sluice.ingest;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import dev.sluice.config.Channels;
import dev.sluice.lifecycle.RecordIntake;

/**
 * The requests channel: each polled batch goes to the record owner, which registers, orders and
 * dispatches it. Parsing happens later, on the worker pool, so this event-loop step stays cheap.
 */
@Singleton
public class RequestConsumer {

    private final RecordIntake intake;

    @Inject
    public RequestConsumer(RecordIntake intake) {
        this.intake = intake;
    }

    @Incoming(Channels.REQUESTS)
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        return intake.takeRequests(records);
    }
}
