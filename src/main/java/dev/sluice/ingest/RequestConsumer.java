package dev.sluice.ingest;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import dev.sluice.ordering.OrderingGate;

/**
 * The requests channel: each polled batch goes through intake to the ordering gate. Parsing
 * happens later, on the worker pool, so this event-loop step stays cheap.
 */
@Singleton
public class RequestConsumer {

    public static final String CHANNEL = "requests";

    private final RecordIntake intake;
    private final OrderingGate ordering;

    @Inject
    public RequestConsumer(RecordIntake intake, OrderingGate ordering) {
        this.intake = intake;
        this.ordering = ordering;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        return intake.take(records, ordering::submit);
    }
}
