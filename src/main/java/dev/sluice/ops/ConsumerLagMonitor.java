package dev.sluice.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.quarkus.runtime.StartupEvent;

import dev.sluice.config.KafkaClientSettings;
import dev.sluice.config.SluiceConfig;
import dev.sluice.lifecycle.Budgets;
import dev.sluice.lifecycle.OffsetLedger;
import dev.sluice.metrics.SluiceMetrics;
import dev.sluice.support.DaemonThreads;

/**
 * Refreshes, every {@code sluice.health.lag-refresh} in the background, what the gauges, the
 * readiness check and {@code /api/consumer/lag} report: per owned partition the group's committed
 * offset, the log-end offset and their difference; the recent processing rate and the time to
 * drain (lag / rate); whether the broker answers and sluice's topics exist; and which partitions
 * are stalled (lag, but a committed offset that has not moved for {@code sluice.health.stall-after}).
 * Each instance reports only the partitions it owns, so sums across instances are the group's.
 */
@Singleton
public class ConsumerLagMonitor {

    private static final Logger LOG = Logger.getLogger(ConsumerLagMonitor.class);
    private static final double RATE_SMOOTHING = 0.3;

    /** One partition's offsets as last read. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record PartitionLag(String topic, int partition, long committed, long logEnd, long lag) {
    }

    /** Everything one refresh learned. */
    public record Snapshot(List<PartitionLag> partitions, long totalLag, double ratePerSecond, double timeToDrainSeconds,
            boolean brokerReachable, Set<String> missingTopics, Set<Integer> stalledPartitions, long takenAtMs) {
    }

    private final SluiceConfig config;
    private final OffsetLedger ledger;
    private final SluiceMetrics metrics;
    private final KafkaClientSettings kafka;
    private final Map<Integer, Long> lagByPartition = new ConcurrentHashMap<>();
    private final Map<Integer, long[]> committedSince = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot = new Snapshot(List.of(), 0, 0, 0, false, Set.of(), Set.of(), 0);
    private ScheduledExecutorService timer;
    private Admin admin;
    private long lastProcessed;
    private long lastRefreshNanos;
    private double rate;

    @Inject
    public ConsumerLagMonitor(SluiceConfig config, OffsetLedger ledger, SluiceMetrics metrics, Budgets budgets,
            KafkaClientSettings kafka) {
        this.config = config;
        this.ledger = ledger;
        this.metrics = metrics;
        this.kafka = kafka;
        var registry = metrics.registry();
        Gauge.builder("sluice.consumer.lag.total", this, m -> m.snapshot.totalLag())
                .description("Records behind the log end on the partitions this instance owns").register(registry);
        Gauge.builder("sluice.time.to.drain", this, m -> m.snapshot.timeToDrainSeconds()).baseUnit("seconds")
                .description("Lag divided by the recent processing rate").register(registry);
        Gauge.builder("sluice.processing.rate", this, m -> m.snapshot.ratePerSecond())
                .description("Results per second, smoothed over recent refreshes").register(registry);
        Gauge.builder("sluice.records.in.flight", budgets, b -> b.requests().count() + b.retries().count())
                .description("Records taken in and not yet committed past").register(registry);
        Gauge.builder("sluice.records.waiting.to.retry", budgets, b -> b.retries().count())
                .description("Records read back from the retry topic and not yet committed past").register(registry);
        Gauge.builder("sluice.assigned.partitions", ledger, l -> l.owned().stream().filter(this::isRequests).count())
                .description("Requests-topic partitions this instance owns").register(registry);
        Gauge.builder("sluice.stalled.partitions", this, m -> m.snapshot.stalledPartitions().size())
                .description("Owned partitions with lag whose committed offset has not moved for sluice.health.stall-after")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        admin = Admin.create(kafka.admin("sluice-lag-monitor", 10_000, 5_000));
        lastRefreshNanos = System.nanoTime();
        timer = DaemonThreads.timer("sluice-lag-monitor");
        long every = config.health().lagRefresh().toMillis();
        timer.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** What the timer runs every sluice.health.lag-refresh; the only reader of offsets. */
    private synchronized void refresh() {
        try {
            snapshot = read();
        } catch (Exception e) {
            LOG.debugf("lag refresh failed: %s", e.toString());
            snapshot = new Snapshot(snapshot.partitions(), snapshot.totalLag(), snapshot.ratePerSecond(), snapshot.timeToDrainSeconds(),
                    false, snapshot.missingTopics(), snapshot.stalledPartitions(), System.currentTimeMillis());
        }
    }

    private Snapshot read() throws Exception {
        long now = System.nanoTime();
        long processed = metrics.processedTotal();
        double seconds = (now - lastRefreshNanos) / 1e9;
        if (seconds > 0) {
            double instant = (processed - lastProcessed) / seconds;
            rate = rate == 0 ? instant : RATE_SMOOTHING * instant + (1 - RATE_SMOOTHING) * rate;
        }
        lastProcessed = processed;
        lastRefreshNanos = now;

        SluiceConfig.Topics topics = config.topics();
        Set<String> wanted = Set.of(topics.requests(), topics.results(), topics.retry(), topics.dlq());
        Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        Set<String> missing = wanted.stream().filter(t -> !existing.contains(t)).collect(Collectors.toSet());

        List<TopicPartition> owned = ledger.owned().stream().filter(this::isRequests).sorted((a, b) -> a.partition() - b.partition())
                .toList();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.groupId())
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = owned.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        var ends = owned.isEmpty()
                ? Map.<TopicPartition, org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo>of()
                : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        List<PartitionLag> partitions = new java.util.ArrayList<>();
        Set<Integer> stalled = new java.util.HashSet<>();
        long total = 0;
        long stallAfterMs = config.health().stallAfter().toMillis();
        long nowMs = System.currentTimeMillis();
        lagByPartition.keySet().retainAll(owned.stream().map(TopicPartition::partition).collect(Collectors.toSet()));
        for (TopicPartition partition : owned) {
            OffsetAndMetadata offset = committed.get(partition);
            long position = offset == null ? 0 : offset.offset();
            long end = ends.get(partition).offset();
            long lag = Math.max(0, end - position);
            total += lag;
            partitions.add(new PartitionLag(partition.topic(), partition.partition(), position, end, lag));
            if (lagByPartition.put(partition.partition(), lag) == null) {
                Gauge.builder("sluice.consumer.lag", lagByPartition, m -> m.getOrDefault(partition.partition(), 0L))
                        .tag("partition", Integer.toString(partition.partition()))
                        .description("Log-end minus committed offset, per owned requests partition").register(metrics.registry());
            }
            long[] since = committedSince.compute(partition.partition(),
                    (p, old) -> old == null || old[0] != position ? new long[]{position, nowMs} : old);
            if (lag > 0 && nowMs - since[1] >= stallAfterMs) {
                stalled.add(partition.partition());
            }
        }
        double drain = total == 0 ? 0 : rate > 0 ? total / rate : Double.POSITIVE_INFINITY;
        return new Snapshot(List.copyOf(partitions), total, rate, drain, true, missing, stalled, nowMs);
    }

    private boolean isRequests(TopicPartition partition) {
        return partition.topic().equals(config.topics().requests());
    }

    /** The group's members and what each owns, for {@code /api/consumer/assignments}. */
    public Map<String, List<String>> members() throws Exception {
        var description = admin.describeConsumerGroups(List.of(config.groupId())).all().get(10, TimeUnit.SECONDS).get(config.groupId());
        Map<String, List<String>> out = new java.util.TreeMap<>();
        description.members().forEach(m -> out.put(m.consumerId() + " (" + m.host() + ")",
                m.assignment().topicPartitions().stream().map(TopicPartition::toString).sorted().toList()));
        return out;
    }

    public Admin admin() {
        return admin;
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
