package dev.sluice.loadgen;

import static org.awaitility.Awaitility.await;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs a {@link LoadPlan}: readers first take the results topic's current end as their start
 * (assigned partitions, so no group join delays them), then producers send; readers stop when every
 * result is in or when the plan's timer runs out, whichever comes first, and never block for more
 * than one short poll. Every result is matched to its request by id.
 */
public final class LoadRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);

    private final LoadPlan plan;
    private final List<String> corpus;
    private final PrintStream progress;

    public LoadRunner(LoadPlan plan, List<String> corpus, PrintStream progress) {
        this.plan = plan;
        this.corpus = corpus;
        this.progress = progress;
    }

    public ResultMatcher run() throws InterruptedException {
        checkReachable();
        ResultMatcher matcher = new ResultMatcher();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sentCount = new AtomicLong();
        CountDownLatch readersReady = new CountDownLatch(plan.readers());
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < plan.readers(); r++) {
            int reader = r;
            readers.add(start("reader-" + r, () -> read(reader, matcher, stop, readersReady)));
        }
        if (!readersReady.await(30, TimeUnit.SECONDS)) {
            stop.set(true);
            throw new IllegalStateException("the readers could not reach the results topic " + plan.resultsTopic());
        }
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < plan.producers(); p++) {
            int producer = p;
            producers.add(start("producer-" + p, () -> produce(producer, runId, matcher, sentCount)));
        }
        try {
            // Progress shown every 100 ms while waiting; when the timer runs out the report counts what is missing.
            await().atMost(plan.timer()).pollInSameThread().pollInterval(Duration.ofMillis(100)).until(() -> {
                printProgress(sentCount.get(), matcher.matched());
                return allDone(producers) && matcher.complete(plan.expected());
            });
        } catch (ConditionTimeoutException timerRanOut) {
            // Not an error: a run ends at its timer, complete or not.
        }
        printProgress(sentCount.get(), matcher.matched());
        progress.println();
        stop.set(true);
        for (Thread thread : producers) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        for (Thread thread : readers) {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        return matcher;
    }

    private void produce(int producer, String runId, ResultMatcher matcher, AtomicLong sentCount) {
        Random random = new Random(producer * 7919L + 1);
        try (KafkaProducer<byte[], byte[]> kafka = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, plan.bootstrap(),
                ProducerConfig.LINGER_MS_CONFIG, plan.spacingMs() >= 10 ? 0 : 5, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            kafka.partitionsFor(plan.requestsTopic()); // Metadata first: the first send must not time a lookup.
            long next = System.nanoTime();
            for (int i = 0; i < plan.messagesPerProducer(); i++) {
                if (plan.spacingMs() > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 1_000_000) {
                        TimeUnit.NANOSECONDS.sleep(wait); // The plan's spacing; below a millisecond, sends go out in bursts.
                    }
                    next += Math.round(plan.spacingMs() * 1_000_000);
                }
                String id = runId + "-p" + producer + "-" + i;
                String key = "key-" + plan.keys().next(random, plan.keyCount());
                long sentAt = System.currentTimeMillis();
                String text = corpus.get(random.nextInt(corpus.size())).replace("\\", "\\\\").replace("\"", "\\\"");
                byte[] value = ("{\"id\":\"" + id + "\",\"text\":\"" + text + "\",\"timestamp\":" + sentAt + ",\"source\":\"" + key + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                matcher.sent(id, producer, sentAt);
                kafka.send(new ProducerRecord<>(plan.requestsTopic(), key.getBytes(StandardCharsets.UTF_8), value));
                sentCount.incrementAndGet();
            }
            kafka.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(int reader, ResultMatcher matcher, AtomicBoolean stop, CountDownLatch ready) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, plan.bootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> mine = consumer.partitionsFor(plan.resultsTopic(), Duration.ofSeconds(10)).stream()
                    .filter(p -> p.partition() % plan.readers() == reader).map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(mine);
            consumer.seekToEnd(mine);
            mine.forEach(consumer::position); // Fix the start before any request is sent.
            ready.countDown();
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    long now = System.currentTimeMillis();
                    try {
                        JsonNode result = JSON.readTree(record.value());
                        matcher.received(result.path("id").asText(), reader, record.partition(), now, result.path("label").asText(null));
                    } catch (Exception e) {
                        // Not a result of ours (foreign data on the topic): ignored.
                    }
                }
            }
        }
    }

    private void checkReachable() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plan.bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            var topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            for (String topic : List.of(plan.requestsTopic(), plan.resultsTopic())) {
                if (!topics.contains(topic)) {
                    throw new IllegalStateException("topic " + topic + " does not exist on " + plan.bootstrap());
                }
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot reach Kafka at " + plan.bootstrap() + " within 10 s (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private void printProgress(long sent, long matched) {
        int width = 30;
        long expected = plan.expected();
        int done = (int) (width * Math.min(1.0, matched / (double) expected));
        progress.printf("\r[%s%s] sent %d/%d, results %d/%d", "#".repeat(done), " ".repeat(width - done), sent, expected, matched,
                expected);
    }

    private static boolean allDone(List<Thread> threads) {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, "loadgen-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
