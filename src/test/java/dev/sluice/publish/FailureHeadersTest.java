package dev.sluice.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.record.DeadLetterHeaders;
import dev.sluice.record.FailureReason;

class FailureHeadersTest {

    private static final TopicPartition REQUESTS = new TopicPartition("sluice.requests", 3);

    @Test
    void aNullReplayCountIsIgnoredAndTheDeadLetterSaysSo() {
        Headers in = new RecordHeaders().add(DeadLetterHeaders.REPLAY_COUNT, null).add("h", null);
        Headers out = FailureHeaders.of(record(in), FailureReason.INVALID_REQUEST, new IllegalArgumentException("text is missing"));
        assertThat(out.lastHeader(DeadLetterHeaders.REPLAY_COUNT)).isNull();
        assertThat(DeadLetterHeaders.value(out, DeadLetterHeaders.MESSAGE))
                .isEqualTo("text is missing [ignored headers: sluice-replay-count: null value]");
        assertThat(out.lastHeader("h")).as("the caller's own header, null value and all").isNotNull();
    }

    @Test
    void aReadableReplayCountIsCarriedOver() {
        Headers in = new RecordHeaders().add(DeadLetterHeaders.REPLAY_COUNT, "2".getBytes(StandardCharsets.UTF_8));
        Headers out = FailureHeaders.of(record(in), FailureReason.TIMEOUT, new RuntimeException("slow"));
        assertThat(DeadLetterHeaders.value(out, DeadLetterHeaders.REPLAY_COUNT)).isEqualTo("2");
        assertThat(DeadLetterHeaders.value(out, DeadLetterHeaders.MESSAGE)).isEqualTo("slow");
    }

    @Test
    void forgedSluiceHeadersNeverReachTheDeadLetterAsTheyCame() {
        Headers in = new RecordHeaders().add(DeadLetterHeaders.ORIGINAL_OFFSET, "-5".getBytes(StandardCharsets.UTF_8))
                .add(DeadLetterHeaders.REASON, new byte[]{(byte) 0xFF});
        Headers out = FailureHeaders.of(record(in), FailureReason.PROCESSING_FAILED, new IllegalStateException("boom"));
        assertThat(DeadLetterHeaders.value(out, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("42");
        assertThat(DeadLetterHeaders.value(out, DeadLetterHeaders.REASON)).isEqualTo("processing-failed");
        assertThat(out.headers(DeadLetterHeaders.REASON)).hasSize(1);
    }

    @Test
    void withoutCallerHeadersOnlySluicesOwnAreWritten() {
        Headers in = new RecordHeaders().add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
        Headers out = FailureHeaders.withoutCallerHeaders(record(in), FailureReason.PROCESSING_FAILED, new IllegalStateException("x"));
        assertThat(out.lastHeader("traceparent")).isNull();
        assertThat(out).allSatisfy(header -> assertThat(header.key()).startsWith(DeadLetterHeaders.PREFIX));
    }

    private static InFlightRecord record(Headers headers) {
        return InFlightRecord.detached(REQUESTS, 42, null, new byte[]{'{'}, headers);
    }
}
