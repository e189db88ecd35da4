package dev.sluice.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.sluice.record.DeadLetterHeaders;
import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.TestKafka;

@QuarkusTest
@TestProfile(OversizedDeadLetterProfile.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class OversizedDeadLetterTest {

    private static final int PARTITION = 3;

    @BeforeEach
    void smallDeadLetterTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(OversizedDeadLetterProfile.SMALL_DLQ, KafkaBrokerResource.PARTITIONS, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                            Integer.toString(OversizedDeadLetterProfile.DLQ_MAX_MESSAGE_BYTES)))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    @Test
    void aDeadLetterTheBrokerRefusesAtFullSizeIsWrittenWithoutItsValueAndTheCommitMovesPastIt() {
        String id = "huge-" + UUID.randomUUID();
        byte[] value = request(id, 10_000);
        try (TestKafka kafka = TestKafka.connect()) {
            long offset = send(kafka, id, value);
            String after = "after-" + UUID.randomUUID();
            long afterOffset = send(kafka, after, request(after, 10));

            ConsumerRecord<byte[], byte[]> deadLetter = await().atMost(Duration.ofSeconds(60))
                    .until(() -> deadLetterAt(kafka, offset), r -> r != null);
            assertThat(deadLetter.value()).isNull();
            assertThat(deadLetter.key()).isEqualTo(id.getBytes(StandardCharsets.UTF_8));
            assertThat(DeadLetterHeaders.value(deadLetter.headers(), DeadLetterHeaders.VALUE_TRUNCATED)).isEqualTo("true");
            assertThat(DeadLetterHeaders.value(deadLetter.headers(), DeadLetterHeaders.ORIGINAL_VALUE_BYTES))
                    .isEqualTo(Integer.toString(value.length));
            assertThat(DeadLetterHeaders.value(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("too-large");

            TopicPartition partition = new TopicPartition("sluice.requests", PARTITION);
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.committed("sluice", "sluice.requests").get(partition) > afterOffset);
            assertThat(resultIds(kafka)).contains(after);
        }
    }

    @Test
    void aDeadLetterTheTopicTakesIsWrittenByteForByte() {
        String id = "large-" + UUID.randomUUID();
        byte[] value = request(id, 2_000);
        try (TestKafka kafka = TestKafka.connect()) {
            long offset = send(kafka, id, value);
            ConsumerRecord<byte[], byte[]> deadLetter = await().atMost(Duration.ofSeconds(60))
                    .until(() -> deadLetterAt(kafka, offset), r -> r != null);
            assertThat(deadLetter.value()).isEqualTo(value);
            assertThat(deadLetter.headers().lastHeader(DeadLetterHeaders.VALUE_TRUNCATED)).isNull();
        }
    }

    /** A request whose text is {@code chars} random letters and digits: lz4 cannot shrink it under the topic's limit. */
    private static byte[] request(String id, int chars) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        Random random = new Random(chars);
        StringBuilder text = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return ("{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static long send(TestKafka kafka, String key, byte[] value) {
        try {
            return kafka.sendAndWait(new ProducerRecord<>("sluice.requests", PARTITION, key.getBytes(StandardCharsets.UTF_8), value))
                    .offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConsumerRecord<byte[], byte[]> deadLetterAt(TestKafka kafka, long offset) {
        return kafka.readAll(OversizedDeadLetterProfile.SMALL_DLQ).stream()
                .filter(r -> Integer.toString(PARTITION).equals(DeadLetterHeaders.value(r.headers(), DeadLetterHeaders.ORIGINAL_PARTITION)))
                .filter(r -> Long.toString(offset).equals(DeadLetterHeaders.value(r.headers(), DeadLetterHeaders.ORIGINAL_OFFSET)))
                .findFirst().orElse(null);
    }

    private static Set<String> resultIds(TestKafka kafka) {
        return TestKafka.ids(kafka.readAll("sluice.results"));
    }
}
