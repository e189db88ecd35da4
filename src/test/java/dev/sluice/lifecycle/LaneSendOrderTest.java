package dev.sluice.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LaneSendOrderTest {

    private static final TopicPartition P0 = new TopicPartition("sluice.requests", 0);

    @Test
    void theLaneOrderPassesAGroupOnAsItIs() {
        SendOrder lanesOnly = new LaneSendOrder();
        InFlightRecord first = InFlightRecord.detached(P0, 0, null, new byte[0]);
        InFlightRecord later = InFlightRecord.detached(P0, 5, null, new byte[0]);
        lanesOnly.register(first);
        lanesOnly.register(later);
        List<List<InFlightRecord>> out = new ArrayList<>();
        lanesOnly.release(List.of(later), out);
        assertThat(out).containsExactly(List.of(later));
    }

    @Test
    void aSupersededRecordLetsNothingGoBecauseNothingWaitsOnIt() {
        SendOrder lanesOnly = new LaneSendOrder();
        InFlightRecord record = InFlightRecord.detached(P0, 0, null, new byte[0]);
        lanesOnly.register(record);
        List<List<InFlightRecord>> out = new ArrayList<>();
        lanesOnly.skipped(record, out);
        assertThat(out).isEmpty();
    }
}
