package dev.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.sluice.devbroker.EmbeddedKafkaBroker;

/**
 * The same workload (about 100-byte texts, the default model, {@code key} ordering, 12 partitions)
 * keyed by 5, 100 and 10,000 keys and by Zipf (s = 1.1) over 10,000 keys, each case in its own
 * topics and group, in one run against one broker. Prints each rate and the 5-key rate against
 * the 10,000-key rate (target ≥ 0.8).
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.bench.KeyDistributionBenchmark -Dbench.args="300000"}
 */
public final class KeyDistributionBenchmark {

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        String model = args.length > 1 ? args[1] : "hybrid";
        Map<String, IntSupplier> cases = new java.util.LinkedHashMap<>();
        Random random = new Random(11);
        cases.put("5 keys", () -> random.nextInt(5));
        cases.put("100 keys", () -> random.nextInt(100));
        cases.put("10,000 keys", () -> random.nextInt(10_000));
        double[] zipf = zipfCumulative(10_000, 1.1);
        cases.put("zipf 1.1 over 10,000", () -> sample(zipf, random));
        List<String> topics = new ArrayList<>(List.of("sluice.retry", "sluice.dlq"));
        for (int i = 0; i < cases.size(); i++) {
            topics.addAll(List.of("keys" + i + ".requests", "keys" + i + ".results"));
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Map.of("num.io.threads", "2", "num.network.threads", "2"))) {
            broker.createTopics(12, topics);
            System.out.printf("%,d requests per case, %s model, key ordering, 12 partitions (%s)%n", requests, model, SluiceChild.jar());
            System.out.println("keys                     msg/s   us CPU/record   bytes/record");
            double[] rates = new double[cases.size()];
            int run = 0;
            for (Map.Entry<String, IntSupplier> entry : cases.entrySet()) {
                preload(broker.bootstrapServers(), "keys" + run + ".requests", requests, entry.getValue());
                try (SluiceChild child = SluiceChild.start(SluiceChild.jar(), broker.bootstrapServers(),
                        Map.of("SLUICE_MODEL_KIND", model, "SLUICE_GROUP_ID", "keys-" + run, "SLUICE_TOPICS_REQUESTS",
                                "keys" + run + ".requests", "SLUICE_TOPICS_RESULTS", "keys" + run + ".results"))) {
                    ThroughputBenchmark.Measurement m = ThroughputBenchmark.measure(broker.bootstrapServers(), "keys" + run + ".results",
                            requests, child);
                    rates[run] = m.ratePerSecond();
                    System.out.printf("%-22s %9.0f %15.1f %14.0f%n", entry.getKey(), m.ratePerSecond(), m.cpuMicrosPerRecord(),
                            m.allocatedBytesPerRecord());
                }
                run++;
            }
            System.out.printf("5 keys / 10,000 keys: %.2f%n", rates[0] / rates[2]);
        }
    }

    private static void preload(String bootstrap, String topic, int requests, IntSupplier key) {
        Random random = new Random(1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (long i = 0; i < requests; i++) {
                producer.send(new ProducerRecord<>(topic, ("source-" + key.getAsInt()).getBytes(StandardCharsets.UTF_8),
                        ThroughputBenchmark.request(i, random)));
            }
            producer.flush();
        }
    }

    /** P(rank k) proportional to 1 / k^s, as a cumulative table for inverse sampling. */
    private static double[] zipfCumulative(int n, double s) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += 1 / Math.pow(k, s);
            cumulative[k - 1] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        return cumulative;
    }

    private static int sample(double[] cumulative, Random random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
    }
}
