package dev.sluice.lifecycle;

import java.util.List;

import org.apache.kafka.common.TopicPartition;

/**
 * The delivery part that decides whether a decided record's outcome may be sent now or waits for
 * its partition's earlier records: {@link LaneSendOrder} (at-least-once: only its key's lane
 * orders it) or {@link OffsetSendOrder} (exactly-once: a transaction must never hold an outcome
 * whose offset it cannot commit). Chosen once at start by {@link DeliveryParts}.
 */
public interface SendOrder {

    /** Intake took the record in; called in offset order per partition. */
    void register(InFlightRecord record);

    /** A lane released {@code group} (in offset order): adds to {@code out} the groups that may be sent now, in order. */
    void release(List<InFlightRecord> group, List<List<InFlightRecord>> out);

    /** The record ended without an outcome (superseded): adds to {@code out} what that lets go. */
    void skipped(InFlightRecord record, List<List<InFlightRecord>> out);

    /** Forgets a partition no longer owned: nothing held for it is sent from here. */
    void drop(TopicPartition partition);
}
