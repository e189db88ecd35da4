package dev.sluice.it;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.sluice.testing.TestKafka;

/** Requests {@code id-0 … id-(n-1)} over 2,000 keys, sent in the background as a stream. */
final class RequestFeed {

    static final String POISON = "poison-pill";

    private RequestFeed() {
    }

    /** Sends {@code requests}, pausing {@code pauseMs} per 1,000 when asked; those {@code poisoned} selects carry {@link #POISON}. */
    static CompletableFuture<Void> inBackground(TestKafka kafka, int requests, long pauseMs, IntPredicate poisoned) {
        return inBackground(kafka, requests, pauseMs, poisoned, 0);
    }

    /**
     * As above, for ids from {@code firstId} on. A scheduler sends one chunk of 1,000 per run, each
     * {@code pauseMs} after the last, so that rebalances happen mid-stream, not after it (no pause:
     * one run sends everything). Completes once every request is flushed.
     */
    static CompletableFuture<Void> inBackground(TestKafka kafka, int requests, long pauseMs, IntPredicate poisoned, int firstId) {
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "it-producer"));
        CompletableFuture<Void> sent = new CompletableFuture<>();
        int end = firstId + requests;
        int chunk = pauseMs > 0 ? 1000 : Math.max(1, requests);
        AtomicInteger next = new AtomicInteger(firstId);
        sender.scheduleWithFixedDelay(() -> {
            try {
                int from = next.get();
                int to = Math.min(end, from + chunk);
                for (int i = from; i < to; i++) {
                    String key = "key-" + (i % 2000);
                    String text = poisoned.test(i) ? "request " + i + " is a " + POISON : "request number " + i + " was good";
                    kafka.send(new ProducerRecord<>("sluice.requests", key.getBytes(StandardCharsets.UTF_8),
                            ("{\"id\":\"id-" + i + "\",\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8)));
                }
                next.set(to);
                if (to == end) {
                    kafka.flush();
                    sent.complete(null);
                }
            } catch (RuntimeException e) {
                sent.completeExceptionally(e);
            }
        }, 0, Math.max(1, pauseMs), TimeUnit.MILLISECONDS);
        sent.whenComplete((done, error) -> sender.shutdown());
        return sent;
    }

    static CompletableFuture<Void> inBackground(TestKafka kafka, int requests, long pauseMs) {
        return inBackground(kafka, requests, pauseMs, i -> false);
    }
}
