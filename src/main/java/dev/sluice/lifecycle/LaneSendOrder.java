package dev.sluice.lifecycle;

import java.util.List;

import org.apache.kafka.common.TopicPartition;

/**
 * At-least-once: a lane's group goes as soon as the lane releases it. Records of other keys of the
 * partition may overtake it; commits still wait for the contiguous offset, so a crash only repeats.
 */
final class LaneSendOrder implements SendOrder {

    @Override
    public void register(InFlightRecord record) {
        // Nothing to track: order within a key is the lane's.
    }

    @Override
    public void release(List<InFlightRecord> group, List<List<InFlightRecord>> out) {
        out.add(group);
    }

    @Override
    public void skipped(InFlightRecord record, List<List<InFlightRecord>> out) {
        // Nothing waits on it.
    }

    @Override
    public void drop(TopicPartition partition) {
        // Nothing held.
    }
}
