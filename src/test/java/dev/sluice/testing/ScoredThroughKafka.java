package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sends texts as requests through the real broker and reads back the label of each, checking the model that scored it. */
public final class ScoredThroughKafka {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScoredThroughKafka() {
    }

    /** The label of each text by its key in {@code texts}, once every result has arrived from {@code model}. */
    public static Map<String, String> send(Map<String, String> texts, String model) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> labels = new HashMap<>();
        try (TestKafka kafka = TestKafka.connect()) {
            texts.forEach((name, text) -> {
                ObjectNode request = JSON.createObjectNode().put("id", run + "-" + name).put("text", text).put("source", "it");
                kafka.send(new ProducerRecord<>("sluice.requests", name.getBytes(StandardCharsets.UTF_8),
                        request.toString().getBytes(StandardCharsets.UTF_8)));
            });
            kafka.flush();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : kafka.readAll("sluice.results")) {
                    JsonNode result = JSON.readTree(record.value());
                    String id = result.path("id").asText();
                    if (id.startsWith(run + "-")) {
                        assertThat(result.path("model").asText()).as("model of %s", id).isEqualTo(model);
                        labels.put(id.substring(run.length() + 1), result.path("label").asText());
                    }
                }
                return labels.size() == texts.size();
            });
        }
        return labels;
    }
}
