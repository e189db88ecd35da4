package dev.sluice.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

import dev.sluice.devbroker.EmbeddedKafkaBroker;

/**
 * One hop's latency, from the producer's send (the record's create time) to the consumer's poll
 * returning it, with the bare loop's clients at a fixed rate, for each rate given in turn on one
 * broker (the first 4 s of each left out). Written to tell a low rate from a cold start: a rate
 * given first and again last shows which of the two makes a phase slow.
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.bench.HopLatencyProbe -Dbench.args="2000,5000,1000,10000,2000"}
 */
public final class HopLatencyProbe {

    private HopLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 12;
        String[] rates = (args.length > 0 ? args[0] : "2000,5000,1000,10000,2000").split(",");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Map.of("num.io.threads", "2", "num.network.threads", "2"))) {
            String bootstrap = broker.bootstrapServers();
            for (int phase = 0; phase < rates.length; phase++) {
                broker.createTopics(12, List.of("hop" + phase));
            }
            for (int phase = 0; phase < rates.length; phase++) {
                int rate = Integer.parseInt(rates[phase]);
                String topic = "hop" + phase;
                String group = "hop-" + phase;
                Histogram latency = new Histogram(TimeUnit.MINUTES.toMillis(1), 2);
                try (KafkaConsumer<byte[], byte[]> consumer = BareClients.consumer(bootstrap, group);
                        KafkaProducer<byte[], byte[]> producer = BareClients.producer(bootstrap, "lz4")) {
                    consumer.subscribe(List.of(topic));
                    while (consumer.assignment().isEmpty()) {
                        consumer.poll(Duration.ofMillis(100));
                    }
                    long start = System.currentTimeMillis();
                    Thread feed = PacedFeed.start(producer, topic, rate, (long) rate * seconds);
                    long polls = 0;
                    while (System.currentTimeMillis() < start + (seconds + 2) * 1000L) {
                        var records = consumer.poll(Duration.ofMillis(100));
                        polls++;
                        long now = System.currentTimeMillis();
                        for (ConsumerRecord<byte[], byte[]> record : records) {
                            if (record.timestamp() > start + 4000) {
                                latency.recordValue(Math.max(0, now - record.timestamp()));
                            }
                        }
                    }
                    feed.join();
                    System.out.printf("rate %,d/s: one hop p50 %d p90 %d p99 %d max %d ms (%d results, %d polls)%n", rate,
                            latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
                            latency.getMaxValue(),
                            latency.getTotalCount(), polls);
                }
            }
        }
    }
}
