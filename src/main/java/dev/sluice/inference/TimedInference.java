package dev.sluice.inference;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.sluice.support.DaemonThreads;

/**
 * Runs a model call on its own thread and gives up on it after the batch timeout, interrupting it,
 * so that a hung model frees the worker that waits for it. A model that is not thread-safe is
 * called by one thread at a time.
 */
public final class TimedInference implements AutoCloseable {

    private final SentimentModel model;
    private final long timeoutNanos;
    private final ExecutorService executor = Executors.newCachedThreadPool(DaemonThreads.named("sluice-inference"));

    public TimedInference(SentimentModel model, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("sluice.batch.timeout must be positive, got " + timeout);
        }
        this.model = model;
        this.timeoutNanos = timeout.toNanos();
    }

    public List<Sentiment> predict(List<String> texts) throws TimeoutException {
        Future<List<Sentiment>> call = executor.submit(() -> call(texts));
        try {
            return call.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new TimeoutException("batch of " + texts.size() + " still in inference after " + Duration.ofNanos(timeoutNanos));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("model failed", e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model", e);
        }
    }

    private List<Sentiment> call(List<String> texts) {
        if (model.threadSafe()) {
            return model.predict(texts);
        }
        synchronized (model) {
            return model.predict(texts);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
