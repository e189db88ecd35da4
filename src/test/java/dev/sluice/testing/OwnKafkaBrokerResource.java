package dev.sluice.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.sluice.devbroker.EmbeddedKafkaBroker;

/**
 * A broker for one test class alone ({@code restrictToAnnotatedClass = true}): a test that stops
 * and restarts it must not disturb the other tests' shared broker.
 */
public class OwnKafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedKafkaBroker broker;

    /** The broker of the test class running now. */
    public static EmbeddedKafkaBroker broker() {
        return broker;
    }

    @Override
    public Map<String, String> start() {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(KafkaBrokerResource.PARTITIONS, KafkaBrokerResource.TOPICS);
        return PackagedAppSettings.with(broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
