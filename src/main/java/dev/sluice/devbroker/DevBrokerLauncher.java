package dev.sluice.devbroker;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

import dev.sluice.config.SluiceConfig;

/**
 * Dev mode only ({@code ./mvnw quarkus:dev}): when no {@code kafka.bootstrap.servers} is
 * configured, starts an embedded KRaft broker and creates sluice's topics, before the messaging
 * channels connect. The broker outlives live reloads and stops with the JVM. The bean does not
 * exist in any other build, so the broker never reaches the runnable jar or native image.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevBrokerLauncher {

    private static final Logger LOG = Logger.getLogger(DevBrokerLauncher.class);
    static final int PARTITIONS = 12;

    // Runs before the messaging lifecycle, which observes startup at a later priority.
    void start(@Observes @Priority(0) StartupEvent event, SluiceConfig config) {
        if (System.getProperty(EmbeddedBrokerConfigSource.ADDRESS_PROPERTY) != null) {
            return; // Started before a live reload.
        }
        if (ConfigProvider.getConfig().getOptionalValue("kafka.bootstrap.servers", String.class).isPresent()) {
            LOG.info("kafka.bootstrap.servers is set: using that broker, no embedded broker");
            return;
        }
        LOG.info("starting an embedded Kafka broker (KRaft) for dev mode...");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        SluiceConfig.Topics topics = config.topics();
        broker.createTopics(PARTITIONS, List.of(topics.requests(), topics.results(), topics.retry(), topics.dlq()));
        System.setProperty(EmbeddedBrokerConfigSource.ADDRESS_PROPERTY, broker.bootstrapServers());
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "sluice-embedded-broker-stop"));
        LOG.infof("embedded Kafka broker on %s with topics %s (%d partitions)", broker.bootstrapServers(),
                List.of(topics.requests(), topics.results(), topics.retry(), topics.dlq()), PARTITIONS);
    }
}
