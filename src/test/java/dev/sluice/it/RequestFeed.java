package dev.sluice.it;

import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.sluice.testing.TestKafka;

/** Requests {@code id-0 … id-(n-1)} over 2,000 keys, sent from a background thread as a stream. */
final class RequestFeed {

    static final String POISON = "poison-pill";

    private RequestFeed() {
    }

    /** Sends {@code requests}, pausing {@code pauseMs} per 1,000 when asked; those {@code poisoned} selects carry {@link #POISON}. */
    static Thread inBackground(TestKafka kafka, int requests, long pauseMs, IntPredicate poisoned) {
        return inBackground(kafka, requests, pauseMs, poisoned, 0);
    }

    /** As above, for ids from {@code firstId} on. */
    static Thread inBackground(TestKafka kafka, int requests, long pauseMs, IntPredicate poisoned, int firstId) {
        Thread thread = new Thread(() -> {
            for (int i = firstId; i < firstId + requests; i++) {
                String key = "key-" + (i % 2000);
                String text = poisoned.test(i) ? "request " + i + " is a " + POISON : "request number " + i + " was good";
                kafka.send(new ProducerRecord<>("sluice.requests", key.getBytes(StandardCharsets.UTF_8),
                        ("{\"id\":\"id-" + i + "\",\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8)));
                if (pauseMs > 0 && i % 1000 == 999) {
                    try {
                        Thread.sleep(pauseMs); // Paces the stream so that rebalances happen mid-stream, not after it.
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            kafka.flush();
        }, "it-producer");
        thread.start();
        return thread;
    }

    static Thread inBackground(TestKafka kafka, int requests, long pauseMs) {
        return inBackground(kafka, requests, pauseMs, i -> false);
    }
}
