package dev.sluice.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class MicroBatcherTest {

    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final List<Long> closedAtNanos = new CopyOnWriteArrayList<>();

    private MicroBatcher<Integer> subscribed(int maxSize, Duration linger) {
        MicroBatcher<Integer> batcher = new MicroBatcher<>(maxSize, linger);
        batcher.batches().subscribe().with(batch -> {
            batches.add(batch);
            closedAtNanos.add(System.nanoTime());
        });
        return batcher;
    }

    @Test
    void aBatchClosesAsSoonAsItHoldsMaxSizeRecords() {
        MicroBatcher<Integer> batcher = subscribed(4, Duration.ofSeconds(30));
        for (int i = 0; i < 8; i++) {
            batcher.offer(i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 2);
        assertThat(batches).containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7));
    }

    @Test
    void aPartialBatchClosesAfterLinger() {
        MicroBatcher<Integer> batcher = subscribed(1000, Duration.ofMillis(50));
        long offeredAt = System.nanoTime();
        batcher.offer(1);
        batcher.offer(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> !batches.isEmpty());
        assertThat(batches.get(0)).containsExactly(1, 2);
        long waitedMs = (closedAtNanos.get(0) - offeredAt) / 1_000_000;
        // No record waits longer than linger (plus scheduling slack on a busy 2-core machine).
        assertThat(waitedMs).isLessThan(50 + 250);
    }

    @Test
    void aFlushClosesThePartialBatchWithoutWaitingForTheLinger() {
        MicroBatcher<Integer> batcher = subscribed(1000, Duration.ofSeconds(30));
        batcher.offer(1);
        batcher.offer(2);
        batcher.flush();
        batcher.flush(); // Nothing open: no empty batch.
        batcher.offer(3);
        batcher.flush();
        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 2);
        assertThat(batches).containsExactly(List.of(1, 2), List.of(3));
    }

    @Test
    void theLingerCountsFromABatchsOwnFirstRecord() {
        Duration linger = Duration.ofMillis(600);
        MicroBatcher<Integer> batcher = subscribed(1000, linger);
        long start = System.nanoTime();
        batcher.offer(1);
        batcher.flush(); // The first batch's linger timer is still pending.
        await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - start > linger.toNanos() / 2);
        long offeredAt = System.nanoTime();
        batcher.offer(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 2);
        assertThat(batches.get(1)).containsExactly(2);
        // The first batch's timer fires about 300 ms after this record came: it must not close its batch.
        assertThat(closedAtNanos.get(1) - offeredAt).isGreaterThanOrEqualTo(linger.toNanos() - Duration.ofMillis(20).toNanos());
    }

    @Test
    void recordsOfferedFromManyThreadsAreAllBatchedOnce() throws InterruptedException {
        MicroBatcher<Integer> batcher = subscribed(16, Duration.ofMillis(5));
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int base = t * 10_000;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    batcher.offer(base + i);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> batches.stream().mapToInt(List::size).sum() == 40_000);
        assertThat(batches.stream().flatMap(List::stream).distinct().count()).isEqualTo(40_000);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.size()).isBetween(1, 16));
    }

    @Test
    void aBacklogOfThousandsOfBatchesWaitsForASlowSubscriberInsteadOfFailing() {
        MicroBatcher<Integer> batcher = new MicroBatcher<>(1, Duration.ofMillis(5));
        List<Integer> received = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.Flow.Subscription> subscription = new java.util.concurrent.atomic.AtomicReference<>();
        batcher.batches().subscribe().withSubscriber(new io.smallrye.mutiny.subscription.MultiSubscriber<List<Integer>>() {

            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                subscription.set(s);
                s.request(1);
            }

            @Override
            public void onItem(List<Integer> batch) {
                received.addAll(batch);
            }

            @Override
            public void onFailure(Throwable t) {
                failure.set(t);
            }

            @Override
            public void onCompletion() {
            }
        });
        for (int i = 0; i < 10_000; i++) {
            batcher.offer(i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        subscription.get().request(Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 10_000 || failure.get() != null);
        assertThat(failure.get()).isNull();
        assertThat(received).hasSize(10_000);
    }

    @Test
    void recordsOfferedBeforeTheStreamIsSubscribedAreBatchedOnceItIs() {
        MicroBatcher<Integer> batcher = new MicroBatcher<>(4, Duration.ofMillis(20));
        batcher.offer(1);
        batcher.offer(2);
        batcher.batches().subscribe().with(batches::add);
        batcher.offer(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> batches.stream().mapToInt(List::size).sum() == 3);
        assertThat(batches.stream().flatMap(List::stream).toList()).containsExactly(1, 2, 3);
    }

    @Test
    void aNonPositiveLingerIsRejected() {
        assertThatThrownBy(() -> new MicroBatcher<Integer>(4, Duration.ZERO)).hasMessageContaining("linger");
    }
}
