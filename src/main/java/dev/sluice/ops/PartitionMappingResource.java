package dev.sluice.ops;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
    public Response map(@QueryParam("key") String key) throws Exception {
        if (key == null) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("errors", java.util.List.of("query parameter 'key' is required"))).build();
        }
        String topic = config.topics().requests();
        int partitions = monitor.admin().describeTopics(java.util.List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(topic).partitions().size();
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        // Kafka's default partitioner for keyed records: murmur2 of the key bytes, modulo the partition count.
        int partition = Utils.toPositive(Utils.murmur2(bytes)) % partitions;
        return Response.ok(Map.of("key", key, "topic", topic, "partitions", partitions, "partition", partition)).build();
    }
}
