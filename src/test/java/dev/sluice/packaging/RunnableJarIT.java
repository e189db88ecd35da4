package dev.sluice.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs after {@code package}: the runnable application must carry no Kafka broker code. */
class RunnableJarIT {

    private static final Path APP = Path.of("target", "quarkus-app");
    private static final List<String> BROKER_JARS = List.of("kafka_2.13", "kafka-server-", "kafka-raft", "kafka-metadata",
            "kafka-storage", "kafka-group-coordinator", "kafka-transaction-coordinator", "kafka-share-coordinator",
            "scala-library", "kafka-test-common");
    private static final List<String> BROKER_CLASSES = List.of("kafka/server/KafkaRaftServer.class", "kafka/Kafka.class",
            "org/apache/kafka/raft/KafkaRaftClient.class", "org/apache/kafka/controller/QuorumController.class",
            "org/apache/kafka/metadata/storage/Formatter.class", "scala/Predef.class",
            "dev/sluice/devbroker/EmbeddedKafkaBroker.class", "dev/sluice/devbroker/DevBrokerLauncher.class",
            "dev/sluice/devbroker/EmbeddedBrokerConfigSource.class");

    private static final List<Path> jars = new ArrayList<>();
    private static final List<String> entries = new ArrayList<>();

    @BeforeAll
    static void readTheApplication() throws IOException {
        assertThat(APP.resolve("quarkus-run.jar")).as("run ./mvnw package first").exists();
        try (Stream<Path> files = Files.walk(APP)) {
            files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
        }
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().forEach(entry -> entries.add(entry.getName()));
            }
        }
    }

    @Test
    void theApplicationShipsTheKafkaClientsItNeeds() {
        assertThat(jars).anySatisfy(jar -> assertThat(jar.getFileName().toString()).startsWith("org.apache.kafka.kafka-clients"));
        assertThat(entries).contains("org/apache/kafka/clients/consumer/KafkaConsumer.class", "dev/sluice/ingest/ConsumedChannels.class");
    }

    @Test
    void noBrokerJarIsPackaged() {
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            assertThat(BROKER_JARS).as("packaged jar %s", name).noneSatisfy(broker -> assertThat(name).contains(broker));
        }
    }

    @Test
    void noBrokerClassIsPackaged() {
        assertThat(entries).doesNotContainAnyElementsOf(BROKER_CLASSES);
    }
}
