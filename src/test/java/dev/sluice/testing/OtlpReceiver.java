package dev.sluice.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An OpenTelemetry collector for tests: an OTLP/HTTP (protobuf) endpoint on an ephemeral loopback
 * port that keeps the spans it receives, and the settings that turn sluice's tracing on against it.
 * Reads only the span fields the tests check, straight from the protobuf wire format.
 */
public class OtlpReceiver implements QuarkusTestResourceLifecycleManager {

    /** One span as exported: hex ids, parent empty for a root span. */
    public record ExportedSpan(String traceId, String spanId, String parentSpanId, String name) {
    }

    private static final List<ExportedSpan> SPANS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    public static List<ExportedSpan> spans() {
        return List.copyOf(SPANS);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody())
                    : exchange.getRequestBody()) {
                exportRequest(body.readAllBytes());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        server.start();
        return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.exporter.otlp.traces.endpoint",
                "http://127.0.0.1:" + server.getAddress().getPort(), "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        SPANS.clear();
    }

    /** ExportTraceServiceRequest: resource_spans = 1 → ResourceSpans: scope_spans = 2 → ScopeSpans: spans = 2. */
    private static void exportRequest(byte[] request) {
        for (byte[] resourceSpans : Wire.fields(request, 1)) {
            for (byte[] scopeSpans : Wire.fields(resourceSpans, 2)) {
                for (byte[] span : Wire.fields(scopeSpans, 2)) {
                    SPANS.add(new ExportedSpan(hex(Wire.first(span, 1)), hex(Wire.first(span, 2)), hex(Wire.first(span, 4)),
                            new String(Wire.first(span, 5), java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The protobuf wire format, as far as reading length-delimited fields needs it. */
    static final class Wire {

        private Wire() {
        }

        /** Every length-delimited value of field {@code number} in a message, in order. */
        static List<byte[]> fields(byte[] message, int number) {
            List<byte[]> out = new CopyOnWriteArrayList<>();
            int[] at = {0};
            while (at[0] < message.length) {
                long tag = varint(message, at);
                int type = (int) (tag & 7);
                switch (type) {
                    case 0 -> varint(message, at);
                    case 1 -> at[0] += 8;
                    case 5 -> at[0] += 4;
                    case 2 -> {
                        int length = (int) varint(message, at);
                        if (tag >>> 3 == number) {
                            ByteArrayOutputStream value = new ByteArrayOutputStream(length);
                            value.write(message, at[0], length);
                            out.add(value.toByteArray());
                        }
                        at[0] += length;
                    }
                    default -> throw new IllegalArgumentException("unsupported wire type " + type);
                }
            }
            return out;
        }

        static byte[] first(byte[] message, int number) {
            List<byte[]> values = fields(message, number);
            return values.isEmpty() ? new byte[0] : values.get(0);
        }

        private static long varint(byte[] bytes, int[] at) {
            long value = 0;
            for (int shift = 0;; shift += 7) {
                byte b = bytes[at[0]++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }
    }
}
