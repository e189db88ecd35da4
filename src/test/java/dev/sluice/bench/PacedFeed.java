package dev.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An open-loop sender: requests on 1,000 keys at a fixed rate, whatever the results do. */
final class PacedFeed {

    private PacedFeed() {
    }

    /** Starts sending {@code total} requests to {@code topic} at {@code rate} per second from a background thread. */
    static Thread start(KafkaProducer<byte[], byte[]> producer, String topic, int rate, long total) {
        Thread feed = new Thread(() -> {
            Random random = new Random(3);
            long begin = System.nanoTime();
            for (long sent = 0; sent < total; sent++) {
                long wait = begin + sent * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // Pacing to a fixed rate.
                }
                producer.send(new ProducerRecord<>(topic, ("source-" + (sent % 1000)).getBytes(StandardCharsets.UTF_8),
                        ThroughputBenchmark.request(sent, random)));
            }
            producer.flush();
        }, "paced-feed");
        feed.start();
        return feed;
    }
}
