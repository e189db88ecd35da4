package dev.sluice.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.TestKafka;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class BadRequestDeadLetterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachKindOfBadRequestIsDeadLetteredWithItsReasonWhileTheGoodOnesAroundItGetResults() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String key = "bad-" + run; // One key: every record shares one partition and one ordering lane.
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("not-json", "this is not json".getBytes(StandardCharsets.UTF_8));
        bad.put("not-object", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
        bad.put("missing-id", "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8));
        bad.put("number-id", "{\"id\":7,\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8));
        bad.put("empty-id", "{\"id\":\"\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8));
        bad.put("long-id", ("{\"id\":\"" + "x".repeat(129) + "\",\"text\":\"hi\"}").getBytes(StandardCharsets.UTF_8));
        bad.put("missing-text", "{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8));
        bad.put("null-text", "{\"id\":\"a\",\"text\":null}".getBytes(StandardCharsets.UTF_8));
        bad.put("trailing", "{\"id\":\"a\",\"text\":\"b\"} {}".getBytes(StandardCharsets.UTF_8));
        bad.put("bad-utf8", new byte[]{'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bad.put("null-value", null);
        bad.put("too-large", ("{\"id\":\"big\",\"text\":\"" + "a".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8));

        try (TestKafka kafka = TestKafka.connect()) {
            int good = 0;
            for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
                kafka.send(goodRequest(key, run + "-good-" + good++));
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("sluice.requests", key.getBytes(StandardCharsets.UTF_8),
                        entry.getValue());
                record.headers().add(new RecordHeader("case", entry.getKey().getBytes(StandardCharsets.UTF_8)));
                record.headers().add(new RecordHeader("run", run.getBytes(StandardCharsets.UTF_8)));
                kafka.send(record);
            }
            kafka.send(goodRequest(key, run + "-good-" + good++));
            kafka.flush();
            int goodCount = good;

            Map<String, ConsumerRecord<byte[], byte[]>> deadLetters = await().atMost(Duration.ofSeconds(60))
                    .until(() -> deadLettersOf(kafka, run), found -> found.size() == bad.size());
            Set<String> resultIds = await().atMost(Duration.ofSeconds(60))
                    .until(() -> resultIdsOf(kafka, run), ids -> ids.size() == goodCount);
            assertThat(resultIds).hasSize(goodCount);

            for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
                ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(entry.getKey());
                String expectedReason = entry.getKey().equals("too-large") ? "too-large" : "invalid-request";
                assertThat(header(deadLetter, "sluice-error-reason")).as(entry.getKey()).isEqualTo(expectedReason);
                assertThat(deadLetter.value()).as("value of %s byte for byte", entry.getKey()).isEqualTo(entry.getValue());
                assertThat(deadLetter.key()).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
                assertThat(header(deadLetter, "sluice-error-class")).isEqualTo("dev.sluice.ingest.BadRequestException");
                assertThat(header(deadLetter, "sluice-error-message")).isNotBlank();
                assertThat(header(deadLetter, "sluice-original-topic")).isEqualTo("sluice.requests");
                assertThat(Integer.parseInt(header(deadLetter, "sluice-original-partition"))).isBetween(0, 11);
                assertThat(Long.parseLong(header(deadLetter, "sluice-original-offset"))).isNotNegative();
                assertThat(header(deadLetter, "sluice-attempts")).isEqualTo("1");
                long first = Long.parseLong(header(deadLetter, "sluice-first-failure-ms"));
                assertThat(Long.parseLong(header(deadLetter, "sluice-last-failure-ms"))).isGreaterThanOrEqualTo(first).isPositive();
                assertThat(deadLetter.headers().lastHeader("sluice-replay-count")).isNull();
            }
            assertThat(header(deadLetters.get("missing-id"), "sluice-error-message")).contains("'id'");
            assertThat(header(deadLetters.get("null-text"), "sluice-error-message")).contains("'text'");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> kafka.committed("sluice", "sluice.requests").equals(kafka.endOffsets("sluice.requests")));
        }
    }

    private static ProducerRecord<byte[], byte[]> goodRequest(String key, String id) {
        return new ProducerRecord<>("sluice.requests", key.getBytes(StandardCharsets.UTF_8),
                ("{\"id\":\"" + id + "\",\"text\":\"fine\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, ConsumerRecord<byte[], byte[]>> deadLettersOf(TestKafka kafka, String run) {
        Map<String, ConsumerRecord<byte[], byte[]>> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll("sluice.dlq")) {
            if (run.equals(header(record, "run"))) {
                out.put(header(record, "case"), record);
            }
        }
        return out;
    }

    private static Set<String> resultIdsOf(TestKafka kafka, String run) {
        List<ConsumerRecord<byte[], byte[]>> results = kafka.readAll("sluice.results");
        return results.stream().map(r -> {
            try {
                return JSON.readTree(r.value()).get("id").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(id -> id.startsWith(run + "-good-")).collect(Collectors.toSet());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
