package dev.sluice.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.sluice.devbroker.EmbeddedKafkaBroker;

/**
 * A real single-node KRaft broker for {@code @QuarkusTest}s, on an ephemeral loopback port, with
 * sluice's topics at 12 partitions. Stopped (and its log directory deleted) when the tests end.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final int PARTITIONS = 12;
    public static final List<String> TOPICS = List.of("sluice.requests", "sluice.results", "sluice.retry", "sluice.dlq");

    private static volatile EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(PARTITIONS, TOPICS);
        return PackagedAppSettings.with(broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    public static String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
