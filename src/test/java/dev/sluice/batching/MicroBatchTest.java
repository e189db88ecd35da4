package dev.sluice.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.sluice.lifecycle.InFlightRecord;

class MicroBatchTest {

    private static final TopicPartition PARTITION = new TopicPartition("t", 0);

    @Test
    void aBatchOfRecordsOnlyIsPassedOnAsItIs() {
        List<Object> items = new ArrayList<>(List.of(record(0), record(1)));
        MicroBatch batch = MicroBatch.of(items);
        assertThat(batch.records()).isSameAs(items);
        assertThat(batch.texts()).isEmpty();
    }

    @Test
    void recordsAndPostedTextsAreSplitKeepingTheirOrder() {
        PendingScore first = new PendingScore("a");
        PendingScore second = new PendingScore("b");
        InFlightRecord zero = record(0);
        InFlightRecord one = record(1);
        MicroBatch batch = MicroBatch.of(List.of(first, zero, second, one));
        assertThat(batch.records()).containsExactly(zero, one);
        assertThat(batch.texts()).containsExactly(first, second);
        assertThat(batch.size()).isEqualTo(4);
    }

    private static InFlightRecord record(long offset) {
        return InFlightRecord.detached(PARTITION, offset, null, new byte[0]);
    }
}
