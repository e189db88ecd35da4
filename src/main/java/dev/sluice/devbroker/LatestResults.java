package dev.sluice.devbroker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.common.annotation.Blocking;

import dev.sluice.config.KafkaClientSettings;
import dev.sluice.config.SluiceConfig;

/**
 * Dev mode only: {@code GET /api/dev/results?limit=20} shows the newest results, newest first
 * ({@code &id=...}: only that request's), so a
 * newcomer reads what sluice wrote with curl or a browser instead of a Kafka client. The packaged
 * application has no such endpoint: there, results are read from the topic.
 */
@IfBuildProfile("dev")
@Path("/api/dev/results")
public class LatestResults {

    private static final int MAX_LIMIT = 200;
    private static final int SEARCH_DEPTH = 5_000;

    @Inject
    KafkaClientSettings kafka;

    @Inject
    SluiceConfig config;

    @Inject
    ObjectMapper mapper;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public String latest(@QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("id") String id)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        int wanted = Math.max(1, Math.min(limit, MAX_LIMIT));
        // Looking for one request's result: search deeper, since the demo producer keeps writing.
        int depth = id == null ? wanted : SEARCH_DEPTH;
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer("sluice-dev-results", null))) {
            List<TopicPartition> partitions = consumer.partitionsFor(config.topics().results()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            // Each partition's newest `depth` hold the newest `depth` overall.
            partitions.forEach(p -> consumer.seek(p, Math.max(begin.get(p), end.get(p) - depth)));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp()).reversed());
        List<JsonNode> newest = new ArrayList<>(wanted);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode result = parsed(record.value());
            if (id == null || id.equals(result.path("id").asText(null))) {
                newest.add(result);
            }
            if (newest.size() == wanted) {
                break;
            }
        }
        return mapper.writeValueAsString(newest); // Written here: a JsonNode return type would need reflection natively.
    }

    private JsonNode parsed(byte[] value) {
        try {
            return mapper.readTree(value);
        } catch (java.io.IOException | RuntimeException e) {
            return mapper.getNodeFactory().textNode("(not JSON: " + (value == null ? 0 : value.length) + " bytes)");
        }
    }
}
