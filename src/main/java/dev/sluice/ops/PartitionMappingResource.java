package dev.sluice.ops;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.apache.kafka.common.utils.Utils;

import io.smallrye.common.annotation.Blocking;

import dev.sluice.config.SluiceConfig;

/** {@code GET /api/partition-mapping?key=...}: the requests partition a key lands on (default partitioner). */
@Path("/api/partition-mapping")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PartitionMappingResource {

    @Inject
    ConsumerLagMonitor monitor;

    @Inject
    SluiceConfig config;

    @GET
    public PartitionMapping map(@QueryParam("key") String key) throws Exception {
        if (key == null) {
            throw ProblemException.badRequest("query parameter 'key' is required", List.of("query parameter 'key' is required"));
        }
        String topic = config.topics().requests();
        int partitions = monitor.admin().describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                .size();
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        // Kafka's default partitioner for keyed records: murmur2 of the key bytes, modulo the partition count.
        int partition = Utils.toPositive(Utils.murmur2(bytes)) % partitions;
        return new PartitionMapping(key, topic, partitions, partition);
    }
}
