package dev.sluice.trace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.record.TraceContext;

/**
 * OpenTelemetry spans for records, when tracing is on ({@code quarkus.otel.sdk.disabled=false}):
 * one {@code sluice process} span per record from intake to the broker's acknowledgement, parented
 * on the request's {@code traceparent}, with {@code sluice batch wait}, {@code sluice model} and
 * {@code sluice publish} under it. The stage spans are written from the times the record carries,
 * when its outcome is sent, so the record path takes no tracing call before that. The records sluice
 * writes then carry the {@code sluice process} span as their {@code traceparent}. Off, nothing here
 * runs and the request's trace headers go on unchanged.
 */
@Singleton
public class RecordTracing {

    private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();

    private final Tracer tracer;
    private final boolean enabled;
    /**
     * Wall-clock epoch nanoseconds minus the monotonic clock, read once when the bean starts (at run
     * time, also natively), so that records carry one clock reading each, not two.
     */
    private final long epochMinusMonotonicNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    @Inject
    public RecordTracing(OpenTelemetry openTelemetry, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        this.enabled = !disabled;
        this.tracer = openTelemetry.getTracer("sluice");
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Opens the record's spans as its outcome is sent: {@code sluice process} from intake, the
     * stages it went through up to now, and {@code sluice publish}, open until {@link #ended}.
     */
    public RecordSpans started(InFlightRecord record, String outcome) {
        Context parent = PROPAGATOR.extract(Context.root(), record.headers(), HEADERS);
        long taken = epochNanos(record.takenNanos());
        Span process = tracer.spanBuilder("sluice process").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setStartTimestamp(taken, TimeUnit.NANOSECONDS).setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.originTopic())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.originPartition()))
                .setAttribute("messaging.kafka.offset", record.originOffset()).setAttribute("sluice.outcome", outcome).startSpan();
        Context inside = parent.with(process);
        long now = System.nanoTime();
        long published = now;
        if (record.scoringNanos() != 0) {
            closed(inside, "sluice batch wait", taken, epochNanos(record.scoringNanos()));
            if (record.scoredNanos() != 0) {
                closed(inside, "sluice model", epochNanos(record.scoringNanos()), epochNanos(record.scoredNanos()));
                published = record.scoredNanos();
            }
        }
        Span publish = tracer.spanBuilder("sluice publish").setParent(inside).setSpanKind(SpanKind.PRODUCER)
                .setStartTimestamp(epochNanos(published), TimeUnit.NANOSECONDS).startSpan();
        return new RecordSpans(process, publish);
    }

    /** Writes the record's span as the outgoing record's {@code traceparent}/{@code tracestate}, replacing the request's. */
    public Headers carried(RecordSpans spans, Headers headers) {
        Headers out = headers == null ? new org.apache.kafka.common.header.internals.RecordHeaders() : headers;
        out.remove(TraceContext.TRACEPARENT);
        out.remove(TraceContext.TRACESTATE);
        PROPAGATOR.inject(Context.root().with(spans.process()), out, HEADERS_OUT);
        return out;
    }

    /** The broker acknowledged the outcome (error null), or will not: the record's spans end. */
    public void ended(RecordSpans spans, Throwable error) {
        if (error != null) {
            spans.publish().recordException(error);
            spans.publish().setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        }
        spans.publish().end();
        spans.process().end();
    }

    private long epochNanos(long nanoTime) {
        return epochMinusMonotonicNanos + nanoTime;
    }

    private void closed(Context parent, String name, long startEpochNanos, long endEpochNanos) {
        tracer.spanBuilder(name).setParent(parent).setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS).startSpan()
                .end(endEpochNanos, TimeUnit.NANOSECONDS);
    }

    /** The spans of one record while its outcome is being sent. */
    public record RecordSpans(Span process, Span publish) {
    }

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {

        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            if (carrier != null) {
                for (Header header : carrier) {
                    keys.add(header.key());
                }
            }
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            if (carrier == null) {
                return null;
            }
            Header header = carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapSetter<Headers> HEADERS_OUT = (carrier, key, value) -> carrier
            .add(key, value.getBytes(StandardCharsets.UTF_8));
}
