package dev.sluice.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;

import dev.sluice.config.Channels;
import dev.sluice.config.SluiceConfig;
import dev.sluice.support.DaemonThreads;

/**
 * Decides when {@link OffsetCommitter} commits: every {@code sluice.commit.interval}, sooner while
 * an in-flight budget is half full (its places come back only with a commit), and once more at
 * shutdown; each commit runs on the polling thread of each consumed channel's consumer.
 */
@ApplicationScoped
public class CommitScheduler {

    private static final Logger LOG = Logger.getLogger(CommitScheduler.class);
    /** How often the scheduler looks at the budget; commits themselves follow the interval or the pressure. */
    private static final long TICK_MS = 50;

    private final KafkaClientService clients;
    private final OffsetCommitter committer;
    private final Budgets budgets;
    private final Duration interval;
    private final AtomicBoolean commitRequested = new AtomicBoolean();
    private ScheduledExecutorService timer;
    private volatile long lastCommitNanos = System.nanoTime();

    @Inject
    public CommitScheduler(KafkaClientService clients, OffsetCommitter committer, Budgets budgets, SluiceConfig config) {
        this.clients = clients;
        this.committer = committer;
        this.budgets = budgets;
        this.interval = config.commit().interval();
    }

    void start(@Observes StartupEvent event) {
        timer = DaemonThreads.timer("sluice-offset-committer");
        long tick = Math.min(interval.toMillis(), TICK_MS);
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Commits now, from any thread, on every consumer; waits at most {@code timeout} for each. */
    public void commitNow(Duration timeout) {
        for (KafkaConsumer<Object, Object> consumer : consumers()) {
            consumer.runOnPollingThread(c -> {
                committer.commitOwned(c, null, true);
            }).await().atMost(timeout);
        }
    }

    /** Commits as soon as possible rather than at the next interval (an in-flight budget is filling). */
    public void commitSoon() {
        if (timer != null && commitRequested.compareAndSet(false, true)) {
            timer.execute(() -> {
                commitRequested.set(false);
                commitOnPollingThreads();
            });
        }
    }

    private void tick() {
        long now = System.nanoTime();
        if (now - lastCommitNanos >= interval.toNanos() || budgets.underPressure()) {
            lastCommitNanos = now;
            commitOnPollingThreads();
        }
    }

    private void commitOnPollingThreads() {
        for (KafkaConsumer<Object, Object> consumer : consumers()) {
            try {
                consumer.runOnPollingThread(c -> {
                    committer.commitOwned(c, null, false);
                }).await().atMost(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                LOG.warnf("periodic offset commit failed: %s", e.toString());
            }
        }
    }

    /** The consumers of the consumed channels (each commits only what it owns). */
    private List<KafkaConsumer<Object, Object>> consumers() {
        List<KafkaConsumer<Object, Object>> out = new ArrayList<>();
        for (String channel : Channels.CONSUMED) {
            KafkaConsumer<Object, Object> consumer = clients.getConsumer(channel);
            if (consumer != null) {
                out.add(consumer);
            }
        }
        return out;
    }

    /** Stops the periodic commits (after the final one at shutdown). */
    @PreDestroy
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
