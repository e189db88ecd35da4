package dev.sluice.bench;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.sluice.devbroker.EmbeddedKafkaBroker;
import dev.sluice.testing.TestKafka;

/**
 * End-to-end throughput on this machine, in one run against one embedded broker: N preloaded
 * requests (about 100-byte texts) drained (1) by a bare consume-produce loop with the same Kafka
 * clients and producer guarantees as sluice, then (2) by sluice's runnable jar in a child JVM.
 * Throughput counts outputs from the first to the last, so JVM start-up is not measured.
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.bench.ThroughputBenchmark}
 * (arguments: {@code -Dbench.args="1000000 hybrid"}: requests, model kind; environment variable {@code SLUICE_BENCH_JAR=PATH} runs another build
 * of sluice, e.g. an earlier commit's, against the same bare loop).
 */
public final class ThroughputBenchmark {

    private static final String[] WORDS = ("good great awful bad fine lovely terrible service product delivery price quality "
            + "support slow fast broken works happy sad never again recommend the a it was is not very really").split(" ");

    /** The bare loop's producer compresses like sluice's (SLUICE_PRODUCER_COMPRESSION, default lz4 as in sluice). */
    private static final String COMPRESSION = System.getenv().getOrDefault("SLUICE_PRODUCER_COMPRESSION", "lz4");

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String model = args.length > 1 ? args[1] : "hybrid";
        System.out.printf("machine: %d cores, JDK %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Map.of("num.io.threads", "2", "num.network.threads", "2"))) {
            broker.createTopics(12, List.of("sluice.requests", "sluice.results", "sluice.retry", "sluice.dlq", "bare.results"));
            long preloadStart = System.nanoTime();
            preload(broker.bootstrapServers(), requests);
            System.out.printf("preloaded %,d requests in %.1f s%n", requests, (System.nanoTime() - preloadStart) / 1e9);

            Measurement bareLoop = bareLoop(broker.bootstrapServers(), requests);
            double bare = bareLoop.ratePerSecond();
            System.out.printf("bare consume->produce loop: %,.0f msg/s%n", bare);
            System.out.printf("bare loop per record:       %.1f us CPU, %,.0f bytes allocated (its threads only)%n",
                    bareLoop.cpuMicrosPerRecord(), bareLoop.allocatedBytesPerRecord());
            Measurement sluice = sluice(broker.bootstrapServers(), requests, model);
            System.out.printf("sluice (%s model):          %,.0f msg/s (%s)%n", model, sluice.ratePerSecond(), SluiceChild.jar());
            System.out.printf("sluice per record:          %.1f us CPU (of which JIT compiler threads %.1f us), %,.0f bytes allocated%n",
                    sluice.cpuMicrosPerRecord(), sluice.compilerCpuMicrosPerRecord(), sluice.allocatedBytesPerRecord());
            printByThread(sluice);
            System.out.printf("ratio sluice / bare:        %.2f%n", sluice.ratePerSecond() / bare);
        }
    }

    static byte[] request(long i, Random random) {
        return ("{\"id\":\"req-" + i + "\",\"text\":\"" + text(random) + "\",\"timestamp\":" + System.currentTimeMillis()
                + ",\"source\":\"source-" + (i % 1000) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Where sluice's CPU per record went, by thread, largest first (threads under 0.1 us left out). */
    private static void printByThread(Measurement sluice) {
        sluice.cpuMicrosPerRecordByThread().entrySet().stream().filter(e -> e.getValue() >= 0.1)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %-22s %5.1f us per record (%4.1f %%)%n", e.getKey(), e.getValue(),
                        100 * e.getValue() / sluice.cpuMicrosPerRecord()));
    }

    /** A request's text: about 100 characters of review words. */
    static String text(Random random) {
        StringBuilder text = new StringBuilder(110);
        while (text.length() < 100) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return text.toString().trim();
    }

    static void preload(String bootstrap, int requests) {
        preload(bootstrap, requests, 1000);
    }

    /** Preloads {@code requests} requests keyed {@code source-0 .. source-(keys - 1)} in turn. */
    static void preload(String bootstrap, int requests, int keys) {
        preload(bootstrap, 0, requests, keys, Map.of(ProducerConfig.ACKS_CONFIG, "1"));
    }

    /**
     * Preloads requests {@code first .. first + requests - 1} in one transaction: sluice reads
     * requests read_committed, so a running sluice sees none of them until all are there, and then
     * has the whole backlog to drain.
     */
    static void preloadInOneTransaction(String bootstrap, long first, int requests) {
        preload(bootstrap, first, requests, 1000, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-preload-" + first,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofMinutes(10).toMillis()));
    }

    private static void preload(String bootstrap, long first, int requests, int keys, Map<String, Object> settings) {
        Random random = new Random(1 + first);
        Map<String, Object> config = new java.util.HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262144, ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        config.putAll(settings);
        boolean transactional = settings.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            if (transactional) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            for (long i = first; i < first + requests; i++) {
                producer.send(new ProducerRecord<>("sluice.requests", ("source-" + (i % keys)).getBytes(StandardCharsets.UTF_8),
                        request(i, random)));
            }
            if (transactional) {
                producer.commitTransaction();
            } else {
                producer.flush();
            }
        }
    }

    /**
     * The ceiling: poll, produce each value to another topic with sluice's producer settings,
     * commit; with its costs per record, read from its own threads (all named with "bare").
     */
    static Measurement bareLoop(String bootstrap, int requests) throws Exception {
        return bareLoop(bootstrap, requests, (long) (requests * WARM_UP));
    }

    /** As above, until {@code expected} results exist, the window opening at {@code opensAt} of them (its group resumes where it stopped). */
    static Measurement bareLoop(String bootstrap, long expected, long opensAt) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread loop = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = BareClients.consumer(bootstrap, "bare");
                    KafkaProducer<byte[], byte[]> producer = BareClients.producer(bootstrap, COMPRESSION)) {
                consumer.subscribe(List.of("sluice.requests"));
                while (!stop.get()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        producer.send(new ProducerRecord<>("bare.results", record.key(), record.value()));
                    }
                    if (!records.isEmpty()) {
                        consumer.commitAsync();
                    }
                }
            }
        }, "bare-loop");
        loop.start();
        try {
            return measure(bootstrap, "bare.results", expected, new ThreadCosts("bare"), opensAt);
        } finally {
            stop.set(true);
            loop.join();
        }
    }

    private static Measurement sluice(String bootstrap, int requests, String model) throws Exception {
        try (SluiceChild child = SluiceChild.start(SluiceChild.jar(), bootstrap,
                Map.of("SLUICE_MODEL_KIND", model, "SLUICE_CONCURRENCY", "4", "SLUICE_BATCH_MAX_SIZE", "256"))) {
            return measure(bootstrap, "sluice.results", requests, child);
        }
    }

    /**
     * A steady-state rate, and what each record cost the measured process or threads over the same window (NaN when not read);
     * for a child, its CPU microseconds per record by thread name (empty when not read).
     */
    record Measurement(double ratePerSecond, double cpuMicrosPerRecord, double allocatedBytesPerRecord, double compilerCpuMicrosPerRecord,
            Map<String, Double> cpuMicrosPerRecordByThread) {
    }

    static double measure(String bootstrap, String topic, int expected) throws InterruptedException {
        return measure(bootstrap, topic, expected, null).ratePerSecond();
    }

    /**
     * Steady-state outputs per second: from the moment {@link #WARM_UP} of the expected outputs
     * exist to the last one, so that JVM start-up and JIT compilation (a third of a core in the
     * first seconds) are left out on both sides alike. With a child, its CPU time and allocation
     * are read at both ends of that window.
     */
    static Measurement measure(String bootstrap, String topic, int expected, ProcessCosts child) throws InterruptedException {
        return measure(bootstrap, topic, expected, child, (long) (expected * WARM_UP));
    }

    /** As above, the window opening at the first sample with {@code opensAt} outputs or more. */
    static Measurement measure(String bootstrap, String topic, long expected, ProcessCosts child, long opensAt)
            throws InterruptedException {
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            Window window = new Window(expected, opensAt, child);
            // Sampled every 50 ms: the sample rate sets the precision.
            await().alias("all " + expected + " outputs on " + topic).atMost(Duration.ofMinutes(10)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> window.sample(kafka.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum()));
            return window.measurement();
        }
    }

    /** The measured window: opened at the first sample past the warm-up share of the outputs, closed at the last. */
    private static final class Window {

        private final long expected;
        private final long opensAt;
        private final ProcessCosts child;
        private long firstAt;
        private long countAtFirst;
        private long count;
        private long lastAt;
        private double cpuAtFirst = Double.NaN;
        private double allocatedAtFirst = Double.NaN;
        private double compilerAtFirst = Double.NaN;
        private Map<String, Double> threadsAtFirst = Map.of();
        private final WarmingTrace trace = new WarmingTrace();

        Window(long expected, long opensAt, ProcessCosts child) {
            this.expected = expected;
            this.opensAt = opensAt;
            this.child = child;
        }

        /** Records a sample of the output count; true once every output is there. */
        boolean sample(long outputs) {
            count = outputs;
            lastAt = System.nanoTime();
            if (child != null) {
                trace.sample(lastAt, outputs, child.compilerCpuSeconds());
            }
            if (firstAt == 0 && count >= opensAt) {
                firstAt = lastAt;
                countAtFirst = count;
                if (child != null) {
                    cpuAtFirst = child.cpuSeconds();
                    allocatedAtFirst = child.allocatedBytes();
                    compilerAtFirst = child.compilerCpuSeconds();
                    threadsAtFirst = child.cpuSecondsByThread();
                }
            }
            return count >= expected;
        }

        Measurement measurement() {
            long records = count - countAtFirst;
            double rate = records / ((lastAt - firstAt) / 1e9);
            if (child == null) {
                return new Measurement(rate, Double.NaN, Double.NaN, Double.NaN, Map.of());
            }
            Map<String, Double> byThread = new java.util.TreeMap<>();
            child.cpuSecondsByThread().forEach((name, seconds) -> byThread.put(name,
                    (seconds - threadsAtFirst.getOrDefault(name, 0.0)) * 1e6 / records)); // A thread born inside the window counts from 0.
            return new Measurement(rate, (child.cpuSeconds() - cpuAtFirst) * 1e6 / records,
                    (child.allocatedBytes() - allocatedAtFirst) / records, (child.compilerCpuSeconds() - compilerAtFirst) * 1e6 / records,
                    byThread);
        }
    }

    private static final double WARM_UP = 0.2;

    /**
     * Prints, every {@link #STEP} from the first output on, the outputs per second and (for sluice)
     * the share of one core its JIT compiler threads used: how long it takes to reach its compiled
     * speed, which the measured window of a few tens of seconds mostly is not.
     */
    private static final class WarmingTrace {

        private static final long STEP = 5_000_000_000L;
        private long startAt;
        private long stepAt;
        private long outputsAtStep;
        private double compilerAtStep;

        void sample(long now, long outputs, double compilerSeconds) {
            if (startAt == 0) {
                if (outputs > 0) {
                    startAt = stepAt = now;
                    outputsAtStep = outputs;
                    compilerAtStep = compilerSeconds;
                }
                return;
            }
            if (now - stepAt >= STEP) {
                double seconds = (now - stepAt) / 1e9;
                String compiler = Double.isNaN(compilerSeconds)
                        ? ""
                        : String.format(", JIT compiler %3.0f %% of a core", (compilerSeconds - compilerAtStep) * 100 / seconds);
                System.out.printf("  after %3.0f s: %,9.0f outputs/s%s%n", (now - startAt) / 1e9, (outputs - outputsAtStep) / seconds,
                        compiler);
                stepAt = now;
                outputsAtStep = outputs;
                compilerAtStep = compilerSeconds;
            }
        }
    }
}
