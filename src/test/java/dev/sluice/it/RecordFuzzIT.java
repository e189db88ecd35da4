package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

import dev.sluice.record.DeadLetterHeaders;
import dev.sluice.testing.Http;
import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.TestKafka;

/**
 * Whatever a record carries, it ends and its partition goes on: thousands of requests with random
 * keys, values and headers (null, empty, binary, 16 KiB, repeated, hundreds per record, forged
 * {@code sluice-*} values) mixed with good requests, through the packaged application and a real
 * broker. Every request offset must end as a result or a dead letter, every good request as a
 * result, the group's committed offsets must reach the end of every partition, and readiness must
 * stay up. Seeded: {@code -Dsluice.fuzz.seed=N} replays a run; every assertion names its seed.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class RecordFuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 3000;
    private static final List<String> SLUICE_HEADERS = List.of(DeadLetterHeaders.REPLAY_COUNT, DeadLetterHeaders.ATTEMPTS,
            DeadLetterHeaders.ORIGINAL_TOPIC, DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.ORIGINAL_OFFSET,
            DeadLetterHeaders.RETRY_DUE_MS, DeadLetterHeaders.FIRST_FAILURE_MS, DeadLetterHeaders.REASON, "traceparent", "tracestate");

    /** Results and dead letters as a downstream reader of this delivery mode reads them. */
    boolean readCommitted() {
        return false;
    }

    @Test
    void everyRecordEndsAndEveryPartitionCommitsWhateverItsHeadersKeyAndValue() {
        long seed = Long.getLong("sluice.fuzz.seed", System.nanoTime());
        String why = "fuzz seed " + seed + " (rerun with -Dsluice.fuzz.seed=" + seed + ")";
        Random random = new Random(seed);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Http.management().get("/q/health/ready").then().statusCode(200));
        Set<TopicPartitionOffset> sent = new HashSet<>();
        Set<TopicPartitionOffset> good = new HashSet<>();
        try (TestKafka kafka = TestKafka.connect()) {
            List<java.util.concurrent.Future<RecordMetadata>> pending = new ArrayList<>();
            List<Boolean> isGood = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                boolean goodValue = random.nextInt(3) == 0;
                byte[] value = goodValue ? goodRequest(i) : value(random, i);
                pending.add(kafka.sendAsync(new ProducerRecord<>("sluice.requests", null, key(random), value, headers(random))));
                isGood.add(goodValue);
            }
            kafka.flush();
            for (int i = 0; i < pending.size(); i++) {
                RecordMetadata metadata = get(pending.get(i));
                TopicPartitionOffset at = new TopicPartitionOffset(metadata.partition(), metadata.offset());
                sent.add(at);
                if (isGood.get(i)) {
                    good.add(at);
                }
            }
            Map<TopicPartition, Long> end = kafka.endOffsets("sluice.requests");
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(kafka.committed("sluice", "sluice.requests")).as(why).isEqualTo(end));

            Map<TopicPartitionOffset, String> endedAs = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> result : kafka.readAll("sluice.results", readCommitted())) {
                JsonNode node = read(result.value());
                endedAs.put(new TopicPartitionOffset(node.get("partition").asInt(), node.get("offset").asLong()), "result");
            }
            for (ConsumerRecord<byte[], byte[]> letter : kafka.readAll("sluice.dlq", readCommitted())) {
                endedAs.putIfAbsent(new TopicPartitionOffset((int) DeadLetterHeaders.number(letter.headers(),
                        DeadLetterHeaders.ORIGINAL_PARTITION, -1),
                        DeadLetterHeaders.number(letter.headers(), DeadLetterHeaders.ORIGINAL_OFFSET,
                                -1)),
                        "dead letter");
            }
            assertThat(endedAs.keySet()).as("requests without a result or a dead letter; " + why).containsAll(sent);
            for (TopicPartitionOffset at : good) {
                assertThat(endedAs.get(at)).as("good request at %s; %s", at, why).isEqualTo("result");
            }
            Http.management().get("/q/health/ready").then().statusCode(200);
            Http.management().get("/q/health/live").then().statusCode(200);
        }
    }

    private record TopicPartitionOffset(int partition, long offset) {
    }

    private static byte[] goodRequest(int i) {
        return ("{\"id\":\"fuzz-" + i + "\",\"text\":\"good service, works well\",\"source\":\"fuzz\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] key(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> new byte[0];
            case 2 -> bytes(random, random.nextInt(64));
            default -> ("key-" + random.nextInt(50)).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] value(Random random, int i) {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> new byte[0];
            case 2 -> bytes(random, 1 + random.nextInt(300));
            case 3 -> ("{\"id\":" + random.nextInt() + ",\"text\":[1,2]}").getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"id\":\"fuzz-" + i + "\",\"text\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 5 -> ("{\"id\":\"fuzz-" + i + "\",\"text\":\"\\ud800 broken\",\"metadata\":{\"a\":[{}]},\"timestamp\":\"soon\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case 6 -> "[\"not an object\"]".getBytes(StandardCharsets.UTF_8);
            default -> ("{\"id\":\"fuzz-" + i + "\",\"text\":\"bad " + new String(bytes(random, 20), StandardCharsets.ISO_8859_1)
                    .replace("\"", "").replace("\\", "") + "\",\"source\":\"" + "s".repeat(random.nextInt(2000)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private static Headers headers(Random random) {
        Headers headers = new RecordHeaders();
        int count = random.nextInt(20) == 0 ? 200 + random.nextInt(200) : random.nextInt(6);
        for (int h = 0; h < count; h++) {
            String key = random.nextBoolean() ? SLUICE_HEADERS.get(random.nextInt(SLUICE_HEADERS.size())) : "h-" + random.nextInt(10);
            headers.add(key, headerValue(random, count));
        }
        return headers;
    }

    private static byte[] headerValue(Random random, int count) {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> new byte[0];
            case 2 -> bytes(random, 1 + random.nextInt(40));
            case 3 -> count > 20 ? bytes(random, 8) : bytes(random, 16 * 1024);
            case 4 -> Long.toString(random.nextLong()).getBytes(StandardCharsets.UTF_8);
            case 5 -> "99999999999999999999999999".getBytes(StandardCharsets.UTF_8);
            case 6 -> "-1".getBytes(StandardCharsets.UTF_8);
            default -> Integer.toString(random.nextInt(5)).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static JsonNode read(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new AssertionError("a result that is not JSON: " + new String(value, StandardCharsets.UTF_8), e);
        }
    }

    private static RecordMetadata get(java.util.concurrent.Future<RecordMetadata> future) {
        try {
            return future.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the test could not send a fuzz record", e);
        }
    }
}
