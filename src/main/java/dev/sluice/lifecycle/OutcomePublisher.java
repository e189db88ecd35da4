package dev.sluice.lifecycle;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The port through which the owner hands a decided record forward to be written (the publish stage
 * implements it): its result, its retry record or its dead letter, by {@link InFlightRecord#destination()}.
 * The publisher reports back {@link RecordLifecycle#acknowledged} once the broker has it, and keeps
 * trying until then.
 */
public interface OutcomePublisher {

    /**
     * Sends the outcomes of records released together (a lane's group, in offset order, or a single
     * record): none is handed to the producer while an earlier one of the group has failed.
     */
    default void publish(List<InFlightRecord> group) {
        publishAll(List.of(group));
    }

    /**
     * Builds a just-scored record's result, on the worker that scored it and before its lane may
     * hold it: most records of a busy key are released by an earlier record's acknowledgement, and
     * building them then would put every result on the one publisher thread, reading data another
     * core wrote. Null when it is better built when sent.
     */
    default ProducerRecord<byte[], byte[]> resultAhead(InFlightRecord scored) {
        return null;
    }

    /** The same for the groups one micro-batch released: handed over at once, so the publisher wakes once per batch. */
    void publishAll(List<List<InFlightRecord>> groups);
}
