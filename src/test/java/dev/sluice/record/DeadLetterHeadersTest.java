package dev.sluice.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

    @Test
    void aNullValueIsAbsentAndNamed() {
        Headers headers = new RecordHeaders().add(DeadLetterHeaders.REPLAY_COUNT, null);
        assertThat(DeadLetterHeaders.value(headers, DeadLetterHeaders.REPLAY_COUNT)).isNull();
        assertThat(DeadLetterHeaders.number(headers, DeadLetterHeaders.REPLAY_COUNT, -1)).isEqualTo(-1);
        assertThat(DeadLetterHeaders.ignored(headers)).containsExactly("sluice-replay-count: null value");
    }

    @Test
    void anEmptyValueIsAbsentAndNamed() {
        Headers headers = new RecordHeaders().add(DeadLetterHeaders.ATTEMPTS, new byte[0]);
        assertThat(DeadLetterHeaders.number(headers, DeadLetterHeaders.ATTEMPTS, 1)).isEqualTo(1);
        assertThat(DeadLetterHeaders.ignored(headers)).containsExactly("sluice-attempts: empty");
    }

    @Test
    void bytesThatAreNotUtf8AreAbsentAndNamed() {
        Headers headers = new RecordHeaders().add(DeadLetterHeaders.ORIGINAL_TOPIC, new byte[]{(byte) 0xC3, (byte) 0x28})
                .add(DeadLetterHeaders.ORIGINAL_OFFSET, new byte[]{(byte) 0xFF, '1'});
        assertThat(DeadLetterHeaders.value(headers, DeadLetterHeaders.ORIGINAL_TOPIC)).isNull();
        assertThat(DeadLetterHeaders.ignored(headers)).containsExactly("sluice-original-offset: not UTF-8");
    }

    @Test
    void aNumberOutOfItsRangeIsAbsentAndNamed() {
        Headers headers = new RecordHeaders().add(DeadLetterHeaders.ORIGINAL_PARTITION, utf8("-3"))
                .add(DeadLetterHeaders.ATTEMPTS, utf8("99999999999999999999999"));
        assertThat(DeadLetterHeaders.number(headers, DeadLetterHeaders.ORIGINAL_PARTITION, 7)).isEqualTo(7);
        assertThat(DeadLetterHeaders.number(headers, DeadLetterHeaders.ATTEMPTS, 1)).isEqualTo(1);
        assertThat(DeadLetterHeaders.ignored(headers)).containsExactly("sluice-attempts: out of range",
                "sluice-original-partition: out of range");
    }

    @Test
    void textWhereANumberBelongsIsAbsentAndNamed() {
        Headers headers = new RecordHeaders().add(DeadLetterHeaders.REPLAY_COUNT, utf8("twice"));
        assertThat(DeadLetterHeaders.number(headers, DeadLetterHeaders.REPLAY_COUNT, -1)).isEqualTo(-1);
        assertThat(DeadLetterHeaders.ignored(headers)).containsExactly("sluice-replay-count: not a number");
    }

    @Test
    void theLastOfARepeatedHeaderCounts() {
        Headers headers = new RecordHeaders().add(DeadLetterHeaders.REPLAY_COUNT, null).add(DeadLetterHeaders.REPLAY_COUNT, utf8(" 2 "));
        assertThat(DeadLetterHeaders.number(headers, DeadLetterHeaders.REPLAY_COUNT, -1)).isEqualTo(2);
        assertThat(DeadLetterHeaders.ignored(headers)).isEmpty();
    }

    @Test
    void headersSluiceDoesNotReadAreNeverNamed() {
        Headers headers = new RecordHeaders().add("traceparent", null).add("sluice-something-else", new byte[]{(byte) 0xFF});
        assertThat(DeadLetterHeaders.ignored(headers)).isEmpty();
        assertThat(DeadLetterHeaders.ignored(null)).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
