package dev.sluice.devbroker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

import dev.sluice.config.SluiceConfig;

/**
 * Dev mode only: sends demo requests at {@code sluice.dev.demo-producer.rate} per second from a
 * handful of sources, so that a fresh {@code quarkus:dev} shows records flowing through
 * {@code /q/metrics}. Off with {@code sluice.dev.demo-producer.enabled=false}.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DemoProducer {

    private static final Logger LOG = Logger.getLogger(DemoProducer.class);
    private static final List<String> SOURCES = List.of("web", "mobile", "email", "chat", "survey");

    private ScheduledExecutorService timer;
    private KafkaProducer<String, String> producer;

    void start(@Observes StartupEvent event, SluiceConfig config, ObjectMapper mapper) {
        SluiceConfig.Dev.DemoProducer demo = config.dev().demoProducer();
        if (!demo.enabled() || demo.rate() <= 0) {
            return;
        }
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        List<String> texts = texts();
        String topic = config.topics().requests();
        AtomicLong sequence = new AtomicLong();
        long periodMicros = Math.max(1, 1_000_000L / demo.rate());
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sluice-demo-producer"));
        timer.scheduleAtFixedRate(() -> {
            long n = sequence.getAndIncrement();
            String source = SOURCES.get((int) (n % SOURCES.size()));
            ObjectNode request = mapper.createObjectNode()
                    .put("id", UUID.randomUUID().toString())
                    .put("text", texts.get((int) (n % texts.size())))
                    .put("timestamp", System.currentTimeMillis())
                    .put("source", source);
            producer.send(new ProducerRecord<>(topic, source, request.toString()));
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        LOG.infof("demo producer: %d requests/s to %s (sluice.dev.demo-producer.enabled=false to stop)", demo.rate(), topic);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (producer != null) {
            // Demo requests are disposable: never wait out delivery.timeout.ms for a broker that is stopping.
            producer.close(java.time.Duration.ofSeconds(1));
        }
    }

    private static List<String> texts() {
        try (InputStream in = DemoProducer.class.getClassLoader().getResourceAsStream("sluice/demo/texts.txt")) {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
