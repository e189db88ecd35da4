package dev.sluice.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

import dev.sluice.testing.Http;
import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.OtlpReceiver;
import dev.sluice.testing.OtlpReceiver.ExportedSpan;
import dev.sluice.testing.TestKafka;

/**
 * Tracing turned on in the packaged application, exporting to a collector the test runs: a request
 * with a {@code traceparent} gives a result in the same trace whose {@code traceparent} is sluice's
 * own span, that span's parent is the request's, and the stages are spans under it.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OtlpReceiver.class, restrictToAnnotatedClass = true)
class TracingIT {

    @Test
    void aResultIsInTheRequestsTraceUnderASpanWhoseParentIsTheRequests() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String requestSpan = "00f067aa0ba902b7";
        String id = "traced-" + UUID.randomUUID();
        ConsumerRecord<byte[], byte[]> result;
        try (TestKafka kafka = TestKafka.connect()) {
            ProducerRecord<byte[], byte[]> request = new ProducerRecord<>("sluice.requests", "k".getBytes(StandardCharsets.UTF_8),
                    ("{\"id\":\"" + id + "\",\"text\":\"a lovely day\"}").getBytes(StandardCharsets.UTF_8));
            request.headers().add("traceparent", ("00-" + traceId + "-" + requestSpan + "-01").getBytes(StandardCharsets.UTF_8));
            kafka.send(request);
            kafka.flush();
            result = await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readAll("sluice.results").stream()
                    .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id)).findFirst().orElse(null), notNullValue());
        }
        String[] parent = new String(result.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8).split("-");
        assertThat(parent[1]).as("the result's trace").isEqualTo(traceId);
        assertThat(parent[2]).as("the result's parent span is sluice's, not the request's").isNotEqualTo(requestSpan);
        String sluiceSpan = parent[2];
        List<ExportedSpan> trace = await().atMost(Duration.ofSeconds(30)).until(
                () -> OtlpReceiver.spans().stream().filter(s -> s.traceId().equals(traceId)).toList(),
                spans -> spans.stream().map(ExportedSpan::name).toList().containsAll(List.of("sluice process", "sluice publish")));
        ExportedSpan process = trace.stream().filter(s -> s.name().equals("sluice process")).findFirst().orElseThrow();
        assertThat(process.spanId()).isEqualTo(sluiceSpan);
        assertThat(process.parentSpanId()).isEqualTo(requestSpan);
        assertThat(trace).filteredOn(s -> !s.name().equals("sluice process")).extracting(ExportedSpan::name)
                .contains("sluice batch wait", "sluice model", "sluice publish")
                .allSatisfy(name -> assertThat(trace).filteredOn(s -> s.name().equals(name))
                        .allSatisfy(s -> assertThat(s.parentSpanId()).isEqualTo(sluiceSpan)));
    }

    @Test
    void withTracingOnAnHttpRequestsLatencyHistogramCarriesItsTraceAsAnExemplar() {
        // The exemplar sampler is sluice's choice (ExemplarsOnlyWhenTracing): off with the SDK, Quarkus's with it.
        String traceId = UUID.randomUUID().toString().replace("-", "");
        RestAssured.given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").get("/api/model").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Http.management()
                .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8").get("/q/metrics").then().statusCode(200)
                .extract().asString().lines().filter(line -> line.startsWith("http_server_requests_seconds"))
                .filter(line -> line.contains("/api/model")))
                .anySatisfy(line -> assertThat(line).contains("trace_id=\"" + traceId + "\"")));
    }
}
