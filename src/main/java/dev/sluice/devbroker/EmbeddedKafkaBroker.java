package dev.sluice.devbroker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node Apache Kafka broker in KRaft mode (combined broker and controller), running in this
 * JVM on loopback with ephemeral ports and a temporary log directory that {@link #close()} deletes.
 * Used by {@code quarkus:dev} and the tests; its classes come from {@code provided}-scope jars and
 * never reach the runnable jar.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final Properties props;
    private final Path logDir;
    private final String bootstrapServers;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Properties props, Path logDir, String bootstrapServers) {
        this.server = server;
        this.props = props;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
    }

    public static EmbeddedKafkaBroker start() {
        return start(Map.of());
    }

    /** Starts a broker; {@code overrides} are broker properties applied last. */
    public static EmbeddedKafkaBroker start(Map<String, String> overrides) {
        try {
            Path logDir = Files.createTempDirectory("sluice-kafka-");
            int[] ports = freePorts(2);
            int brokerPort = ports[0];
            int controllerPort = ports[1];
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            // A single node: every internal topic must accept one replica, or coordinators never appear.
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "4");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "4");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            // The default dedupe buffer takes 128 MiB of heap for compacted topics nobody uses here.
            props.put("log.cleaner.dedupe.buffer.size", "2097152");
            props.put("num.partitions", "12");
            props.put("num.network.threads", "2");
            props.put("num.io.threads", "4");
            props.putAll(overrides);

            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(1)
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();

            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, props, logDir, "127.0.0.1:" + brokerPort);
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates topics that do not exist yet (existing ones are left as they are) and returns once all are listed. */
    public void createTopics(int partitions, Collection<String> names) {
        try (Admin admin = admin()) {
            for (String name : names) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name, e.getCause());
                    }
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // Creation returns before every listener's metadata has the topic: wait until it is listed.
            while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(names)) {
                if (System.nanoTime() > deadline) {
                    throw new java.util.concurrent.TimeoutException("topics not listed after 30 s: " + names);
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
            throw new IllegalStateException("timed out creating topics " + names, e);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"));
    }

    private void awaitReady() throws Exception {
        try (Admin admin = admin()) {
            admin.listTopics().names().get(60, TimeUnit.SECONDS); // Answers once the broker serves requests.
        }
    }

    /** Stops the broker but keeps its data and ports, for {@link #restart()}: an outage, not an end. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts a stopped broker again on the same ports with the same data. */
    public synchronized void restart() {
        if (server != null) {
            return;
        }
        server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        try {
            awaitReady();
        } catch (Exception e) {
            throw new IllegalStateException("the restarted broker did not answer", e);
        }
    }

    @Override
    public void close() {
        stop();
        deleteRecursively(logDir);
    }

    /**
     * Distinct free loopback ports: all sockets are held open together, since one closed before the
     * next opens may be handed out again (seen: both listeners on one port, and the broker refused
     * to start).
     */
    static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is not worth failing a shutdown for.
        }
    }
}
