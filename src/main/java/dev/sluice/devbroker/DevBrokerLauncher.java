package dev.sluice.devbroker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

import dev.sluice.config.SluiceConfig;

/**
 * Dev mode only ({@code ./mvnw quarkus:dev}): when no {@code kafka.bootstrap.servers} is
 * configured, starts an embedded KRaft broker and creates sluice's topics, before the messaging
 * channels connect. The broker outlives live reloads and stops with the JVM, after sluice has
 * drained and left its groups. The bean does not exist in any other build, so the broker never
 * reaches the runnable jar or native image.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevBrokerLauncher {

    private static final Logger LOG = Logger.getLogger(DevBrokerLauncher.class);
    static final int PARTITIONS = 12;
    /**
     * application.properties points {@code %dev.kafka.bootstrap.servers} at this system property:
     * a system property survives dev mode's live reload, which replaces the application class loader
     * while the broker keeps running. It is outside the {@code sluice.} namespace, whose mapping
     * rejects names it does not know when the configuration is rebuilt on reload.
     */
    static final String ADDRESS_PROPERTY = "sluice-dev-broker.address";
    /** How long the JVM's exit waits for sluice to leave its groups before the broker stops anyway. */
    private static final Duration LEAVE_WAIT = Duration.ofSeconds(8);

    // Runs before the messaging lifecycle, which observes startup at a later priority.
    void start(@Observes @Priority(0) StartupEvent event, SluiceConfig config) {
        if (System.getProperty(ADDRESS_PROPERTY) != null) {
            return; // Started before a live reload.
        }
        if (ConfigProvider.getConfig().getOptionalValue("kafka.bootstrap.servers", String.class).isPresent()) {
            LOG.info("kafka.bootstrap.servers is set: using that broker, no embedded broker");
            return;
        }
        LOG.info("starting an embedded Kafka broker (KRaft) for dev mode...");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        SluiceConfig.Topics topics = config.topics();
        List<String> names = List.of(topics.requests(), topics.results(), topics.retry(), topics.dlq());
        broker.createTopics(PARTITIONS, names);
        System.setProperty(ADDRESS_PROPERTY, broker.bootstrapServers());
        List<String> groups = List.of(config.groupId(), config.groupId() + "-retry");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterGroupsLeft(broker, groups), "sluice-embedded-broker-stop"));
        LOG.infof("embedded Kafka broker on %s with topics %s (%d partitions)", broker.bootstrapServers(), names, PARTITIONS);
    }

    /**
     * Every shutdown hook starts at once: stopping the broker at once would leave sluice's drain
     * and final commit talking to nobody, and its clients retrying until their close timeouts.
     */
    private static void stopAfterGroupsLeft(EmbeddedKafkaBroker broker, List<String> groups) {
        long deadline = System.nanoTime() + LEAVE_WAIT.toNanos();
        try (Admin admin = broker.admin()) {
            while (System.nanoTime() < deadline && hasMembers(admin, groups)) {
                Thread.sleep(100); // A shutdown hook has no event to wait on: the broker is polled.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debugf(e, "could not watch sluice's groups leave; stopping the broker");
        }
        broker.close();
    }

    private static boolean hasMembers(Admin admin, List<String> groups) {
        try {
            return admin.describeConsumerGroups(groups).all().get(2, TimeUnit.SECONDS).values().stream()
                    .map(ConsumerGroupDescription::members).anyMatch(members -> !members.isEmpty());
        } catch (Exception e) {
            return false;
        }
    }
}
