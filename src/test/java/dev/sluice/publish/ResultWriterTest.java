package dev.sluice.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;

import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.record.Label;
import dev.sluice.record.Sentiment;
import dev.sluice.record.SentimentRequest;

class ResultWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TopicPartition REQUESTS = new TopicPartition("sluice.requests", 3);

    private final ResultWriter writer = new ResultWriter(MAPPER);

    @Test
    void eachResultIsOneWholeObjectWhenTheGeneratorIsReused() throws IOException {
        byte[] first = writer.write(record("a", null), new Sentiment(Label.POSITIVE, 0.9), "hybrid@1", 100);
        byte[] second = writer.write(record("b", null), new Sentiment(Label.NEGATIVE, -0.5), "hybrid@1", 200);

        JsonNode one = MAPPER.readTree(first);
        JsonNode two = MAPPER.readTree(second);
        assertThat(new String(second, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"id\":\"b\"");
        assertThat(one.get("id").asText()).isEqualTo("a");
        assertThat(one.get("processedAt").asLong()).isEqualTo(100);
        assertThat(two.get("id").asText()).isEqualTo("b");
        assertThat(two.get("label").asText()).isEqualTo("negative");
        assertThat(two.get("partition").asInt()).isEqualTo(3);
        assertThat(two.get("offset").asLong()).isEqualTo(7);
        assertThat(two.get("requestTimestamp").asLong()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void eachResultNamesTheModelThatScoredItWhenModelsAlternate() throws IOException {
        byte[] first = writer.write(record("a", null), new Sentiment(Label.POSITIVE, 0.9), "hybrid@1", 1);
        byte[] second = writer.write(record("b", null), new Sentiment(Label.NEUTRAL, 0), "minilm \"q\"@2", 2);
        byte[] third = writer.write(record("c", null), new Sentiment(Label.NEGATIVE, -0.25), "hybrid@1", 3);

        assertThat(MAPPER.readTree(first).get("model").asText()).isEqualTo("hybrid@1");
        assertThat(MAPPER.readTree(second).get("model").asText()).isEqualTo("minilm \"q\"@2");
        assertThat(MAPPER.readTree(second).get("label").asText()).isEqualTo("neutral");
        assertThat(MAPPER.readTree(third).get("model").asText()).isEqualTo("hybrid@1");
        assertThat(MAPPER.readTree(third).get("score").asDouble()).isEqualTo(-0.25);
    }

    @Test
    void aScoreIsWrittenWithItsSixPlacesAndNoTrailingZeros() {
        assertThat(scoreText(0.8731)).isEqualTo("0.8731");
        assertThat(scoreText(-0.000123)).isEqualTo("-0.000123");
        assertThat(scoreText(0.1000001)).isEqualTo("0.1");
        assertThat(scoreText(0.5)).isEqualTo("0.5");
        assertThat(scoreText(-1.0)).isEqualTo("-1.0");
        assertThat(scoreText(1.0)).isEqualTo("1.0");
        assertThat(scoreText(0.0)).isEqualTo("0.0");
        assertThat(scoreText(-0.0)).isEqualTo("0.0");
        assertThat(scoreText(-0.9999996)).isEqualTo("-1.0");
    }

    @Test
    void aResultReadBackHasExactlyTheScoreTheModelKept() throws IOException {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 100_000; i++) {
            double raw = i < 3 ? new double[]{-1, 0, 1}[i] : random.nextDouble() * 2 - 1;
            Sentiment sentiment = new Sentiment(Label.POSITIVE, raw);

            byte[] json = writer.write(record("r" + i, null), sentiment, "hybrid@1", 1);

            assertThat(MAPPER.readTree(json).get("score").doubleValue()).as("score %s", raw).isEqualTo(sentiment.score());
        }
    }

    @Test
    void aWriteThatFailsMidwayLeavesTheNextResultWhole() throws IOException {
        ObjectNode failing = MAPPER.createObjectNode();
        failing.set("boom", new POJONode(new Unwritable()));
        assertThatThrownBy(() -> writer.write(record("bad", failing), new Sentiment(Label.NEUTRAL, 0), "hybrid@1", 1))
                .hasMessageContaining("cannot write");

        byte[] next = writer.write(record("next", null), new Sentiment(Label.POSITIVE, 0.4), "hybrid@1", 2);

        assertThat(new String(next, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"id\":\"next\"");
        assertThat(MAPPER.readTree(next).get("id").asText()).isEqualTo("next");
    }

    private static String scoreText(double score) {
        char[] digits = new char[ResultWriter.MAX_SCORE_CHARS];
        return new String(digits, 0, ResultWriter.scoreDigits(new Sentiment(Label.NEUTRAL, score).scoreUnits(), digits));
    }

    private static InFlightRecord record(String id, ObjectNode metadata) {
        return InFlightRecord.detached(REQUESTS, 7, new SentimentRequest(id, "text", 1_700_000_000_000L, "web", null, metadata));
    }

    /** A metadata value whose serializer fails after the result's first fields are written. */
    @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = UnwritableSerializer.class)
    private static final class Unwritable {
    }

    private static final class UnwritableSerializer extends JsonSerializer<Unwritable> {

        @Override
        public void serialize(Unwritable value, JsonGenerator json, SerializerProvider serializers) throws IOException {
            throw new IOException("cannot write this value");
        }
    }
}
