package dev.sluice.publish;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.jboss.logging.Logger;

import dev.sluice.config.KafkaClientSettings;

/**
 * Reads the largest record the broker accepts on the topics sluice parks failed records in
 * ({@code max.message.bytes}), so that the producer's {@code max.request.size} can follow it: a
 * record the consumer could fetch is then dead-lettered byte for byte whenever the topic takes it.
 */
final class TopicMessageLimit {

    private static final Logger LOG = Logger.getLogger(TopicMessageLimit.class);

    private TopicMessageLimit() {
    }

    /** The largest {@code max.message.bytes} of the topics, or {@code fallback} when they cannot be read. */
    static int largest(KafkaClientSettings kafka, Collection<String> topics, int fallback) {
        Map<String, Object> props = kafka.admin("sluice-topic-limits", 5_000, 3_000);
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        try (Admin admin = Admin.create(props)) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(6, TimeUnit.SECONDS);
            int largest = fallback;
            for (Config config : configs.values()) {
                ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                if (entry != null && entry.value() != null) {
                    largest = Math.max(largest, Integer.parseInt(entry.value()));
                }
            }
            return largest;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("could not read max.message.bytes of %s (%s); the producer keeps max.request.size=%d", topics, e.toString(),
                    fallback);
            return fallback;
        }
    }
}
