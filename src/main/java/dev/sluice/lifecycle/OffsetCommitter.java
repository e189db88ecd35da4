package dev.sluice.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;

import dev.sluice.config.DeliveryMode;
import dev.sluice.config.SluiceConfig;
import dev.sluice.support.DaemonThreads;

/**
 * Commits each owned partition's contiguous finished offset: every {@code sluice.commit.interval},
 * on revocation and on shutdown. Commits run on the consumer's polling thread, the thread that
 * also runs rebalance callbacks, so a commit can never slip in for a partition already revoked.
 * With {@code sluice.delivery=exactly-once} the offsets go into the transaction that holds the
 * outcomes sent for them ({@link TransactionalCommits}) instead of a consumer commit.
 */
@ApplicationScoped
public class OffsetCommitter {

    private static final Logger LOG = Logger.getLogger(OffsetCommitter.class);

    private final KafkaClientService clients;
    private final OffsetLedger ledger;
    private final Duration interval;
    private final Budgets budgets;
    /** Null in at-least-once mode. */
    private final TransactionalCommits transactions;
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    private final AtomicBoolean commitRequested = new AtomicBoolean();
    private ScheduledExecutorService timer;
    private volatile long lastCommitNanos = System.nanoTime();
    private volatile boolean commitsFailing;
    /** How often the committer looks at the budget; commits themselves follow the interval or the pressure. */
    private static final long TICK_MS = 50;

    @Inject
    public OffsetCommitter(KafkaClientService clients, OffsetLedger ledger, Budgets budgets, SluiceConfig config,
            Instance<TransactionalCommits> transactions) {
        this.clients = clients;
        this.transactions = config.delivery() == DeliveryMode.EXACTLY_ONCE ? transactions.get() : null;
        this.ledger = ledger;
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
                commitOwned(c, null, true);
            }).await().atMost(timeout);
        }
    }

    /** Commits on the interval, or sooner while the in-flight budget waits for commits to free it. */
    private void tick() {
        long now = System.nanoTime();
        if (now - lastCommitNanos >= interval.toNanos() || budgets.underPressure()) {
            lastCommitNanos = now;
            commitOnPollingThread();
        }
    }

    private void commitOnPollingThread() {
        for (KafkaConsumer<Object, Object> consumer : consumers()) {
            try {
                consumer.runOnPollingThread(c -> {
                    commitOwned(c, null, false);
                }).await().atMost(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                LOG.warnf("periodic offset commit failed: %s", e.toString());
            }
        }
    }

    /**
     * Commits the partitions' committable offsets that moved since their last commit. Must run on
     * the polling thread (from a rebalance callback or {@code runOnPollingThread}).
     */
    public void commitOwned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean sync) {
        commitOwned(consumer, partitions, sync, null);
    }

    /**
     * As {@link #commitOwned(Consumer, Collection, boolean)}, then runs {@code thenLetGo} (the
     * revoked partitions' release) before anything more can be sent for them.
     */
    public void commitOwned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean sync, Runnable thenLetGo) {
        if (transactions != null) {
            commitInTransaction(consumer, thenLetGo);
            return;
        }
        commitWithConsumer(consumer, partitions, sync);
        if (thenLetGo != null) {
            thenLetGo.run();
        }
    }

    /**
     * Every owned partition of the consumer, not only revoked ones: the transaction holds outcomes
     * of all of them, and each outcome must commit with its offset.
     */
    private void commitInTransaction(Consumer<?, ?> consumer, Runnable thenLetGo) {
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            if (thenLetGo != null) {
                thenLetGo.run();
            }
            return;
        }
        String inputTopic = assignment.iterator().next().topic();
        Map<TopicPartition, OffsetAndMetadata> done = transactions.commit(inputTopic, consumer, () -> changedOffsets(assignment, null),
                thenLetGo == null ? () -> {
                } : thenLetGo);
        done.forEach(this::succeeded);
    }

    private Map<TopicPartition, OffsetAndMetadata> changedOffsets(Set<TopicPartition> assignment, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        ledger.committablePositions(partitions).forEach((partition, position) -> {
            if (assignment.contains(partition) && !position.equals(committed.get(partition))) {
                offsets.put(partition, new OffsetAndMetadata(position));
            }
        });
        return offsets;
    }

    private void commitWithConsumer(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = changedOffsets(consumer.assignment(), partitions);
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
            offsets.forEach(this::succeeded);
        } else {
            consumer.commitAsync(offsets, (done, error) -> {
                if (error == null) {
                    if (commitsFailing) {
                        commitsFailing = false;
                        LOG.info("offset commits succeed again");
                    }
                    done.forEach(this::succeeded);
                } else if (!commitsFailing) {
                    commitsFailing = true; // Said once per failing spell, not once per interval.
                    LOG.warnf("offset commit failed, retried every interval until it succeeds: %s", error.toString());
                }
            });
        }
    }

    private void succeeded(TopicPartition partition, OffsetAndMetadata offset) {
        committed.put(partition, offset.offset());
        budgets.of(partition).release(ledger.committed(partition, offset.offset()));
    }

    /** Commits as soon as possible rather than at the next interval (the in-flight budget is filling). */
    public void commitSoon() {
        if (timer != null && commitRequested.compareAndSet(false, true)) {
            timer.execute(() -> {
                commitRequested.set(false);
                commitOnPollingThread();
            });
        }
    }

    /** Forgets what was committed for partitions no longer owned. */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(committed::remove);
    }

    /** The consumers of the requests and retry channels (each commits only what it owns). */
    private List<KafkaConsumer<Object, Object>> consumers() {
        List<KafkaConsumer<Object, Object>> out = new ArrayList<>();
        for (String channel : List.of(RecordLifecycle.REQUESTS_CHANNEL, RecordLifecycle.RETRIES_CHANNEL)) {
            KafkaConsumer<Object, Object> consumer = clients.getConsumer(channel);
            if (consumer != null) {
                out.add(consumer);
            }
        }
        return out;
    }

    /** Whether commits can still happen (exactly-once: no transaction has failed). */
    public boolean canCommit() {
        return transactions == null || !transactions.broken();
    }

    /** Partitions were lost: in exactly-once mode, what the open transaction holds for them can never commit. */
    void lost(Collection<TopicPartition> partitions) {
        if (transactions != null && !partitions.isEmpty()) {
            transactions.abandon("partitions " + partitions + " were lost (the group moved on without this instance)");
        }
    }

    /** Stops the periodic commits (after the final one at shutdown). */
    @PreDestroy
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
