package dev.sluice.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceContextTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidTraceparentAndItsTracestateGoToTheResult() {
        Headers request = new RecordHeaders().add("traceparent", bytes(PARENT)).add("tracestate", bytes("congo=t61rcWkgMzE"))
                .add("other", bytes("x"));
        Headers result = TraceContext.forResult(request);
        assertThat(new String(result.lastHeader("traceparent").value(), StandardCharsets.UTF_8)).isEqualTo(PARENT);
        assertThat(new String(result.lastHeader("tracestate").value(), StandardCharsets.UTF_8)).isEqualTo("congo=t61rcWkgMzE");
        assertThat(result.lastHeader("other")).isNull();
    }

    @Test
    void aRequestWithoutTraceContextGivesNoHeaders() {
        assertThat(TraceContext.forResult(new RecordHeaders())).isNull();
        assertThat(TraceContext.forResult(null)).isNull();
        assertThat(TraceContext.forResult(new RecordHeaders().add("traceparent", null))).isNull();
    }

    @Test
    void anInvalidTraceparentIsDroppedWithItsTracestate() {
        for (String invalid : new String[]{"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", PARENT + "-extra", "garbage", ""}) {
            Headers request = new RecordHeaders().add("traceparent", bytes(invalid)).add("tracestate", bytes("a=b"));
            assertThat(TraceContext.forResult(request)).as(invalid).isNull();
        }
    }

    @Test
    void aLaterVersionMayCarryMoreFields() {
        String future = "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-whatever";
        assertThat(TraceContext.forResult(new RecordHeaders().add("traceparent", bytes(future)))).isNotNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
