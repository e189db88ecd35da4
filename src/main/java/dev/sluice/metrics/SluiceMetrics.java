package dev.sluice.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.sluice.config.DeliveryMode;
import dev.sluice.config.SluiceConfig;
import dev.sluice.record.FailureReason;
import dev.sluice.record.Label;

/**
 * sluice's own meters, Prometheus-named under {@code sluice_}. Label values are bounded: reasons
 * and labels are enums, sources are those of {@code sluice.metrics.sources} (or the first
 * {@link #MAX_SOURCES} seen) and {@code other} for the rest, never longer than
 * {@link #MAX_SOURCE_CHARS}; partitions are those of the requests topic.
 */
@Singleton
public class SluiceMetrics {

    public static final int MAX_SOURCES = 20;
    /** A longer source is not a label value: label values this long only bloat every scrape. */
    public static final int MAX_SOURCE_CHARS = 64;
    private static final int MAX_PARTITIONS = 4096;

    private final MeterRegistry registry;
    private final Counter consumed;
    private final Counter processed;
    private final Counter retried;
    private final Counter deduplicated;
    private final Counter replayed;
    private final Counter rebalances;
    private final Map<FailureReason, Counter> failed = new ConcurrentHashMap<>();
    private final Map<FailureReason, Counter> deadLettered = new ConcurrentHashMap<>();
    /** The first MAX_SOURCES sources, one counter per label (by ordinal): no key is built per record. */
    private final Map<String, Counter[]> topSources = new ConcurrentHashMap<>();
    /** Every later source shares these. */
    private final Counter[] other;
    /** The allowlist of sluice.metrics.sources; null: the first MAX_SOURCES seen. */
    private final java.util.Set<String> allowedSources;
    private final DistributionSummary batchSize;
    private final Timer inference;
    private final Timer endToEnd;
    private final Timer transactions;
    private final Timer batchWait;
    private final Timer model;
    private final Timer keyWait;
    private final Timer publishing;
    private final Counter transactionsAborted;
    private final Counter scoredOverHttp;
    private final AtomicLongArray processedByPartition = new AtomicLongArray(MAX_PARTITIONS);

    @Inject
    public SluiceMetrics(MeterRegistry registry, SluiceConfig config) {
        registry = backingRegistry(registry);
        this.registry = registry;
        this.allowedSources = config.metrics().sources().map(java.util.Set::copyOf).orElse(null);
        String mode = config.delivery().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        Gauge.builder("sluice.delivery.mode", () -> 1).tag("mode", mode).description("The delivery mode this instance runs in (always 1)")
                .register(registry);
        this.consumed = Counter.builder("sluice.records.consumed").description("Records taken in from the requests and retry topics")
                .register(registry);
        this.processed = Counter.builder("sluice.records.processed").description("Records whose result the broker acknowledged")
                .register(registry);
        this.retried = Counter.builder("sluice.records.retried").description("Failed attempts that were scheduled for another")
                .register(registry);
        this.deduplicated = Counter.builder("sluice.records.deduplicated").description("Records superseded by a newer record of their key")
                .register(registry);
        this.replayed = Counter.builder("sluice.records.replayed").description("Dead letters sent back to the requests topic")
                .register(registry);
        this.rebalances = Counter.builder("sluice.rebalances").description("Partition assignments and revocations seen").register(registry);
        for (FailureReason reason : FailureReason.values()) {
            failed.put(reason, Counter.builder("sluice.records.failed").tag("reason", reason.header())
                    .description("Failed attempts, by reason").register(registry));
            deadLettered.put(reason, Counter.builder("sluice.records.dead.lettered").tag("reason", reason.header())
                    .description("Records parked in the dead-letter topic, by reason").register(registry));
        }
        this.other = register("other");
        this.batchSize = DistributionSummary.builder("sluice.batch.size").description("Records per micro-batch")
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(4096.0).register(registry);
        this.inference = Timer.builder("sluice.inference").description("Model time per micro-batch")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        this.endToEnd = Timer.builder("sluice.end.to.end.latency")
                .description("Result acknowledged minus the request's timestamp (or its record timestamp)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        // At-least-once runs no transactions: their meters stay off /q/metrics rather than show zeros that mean nothing.
        MeterRegistry transactional = config.delivery() == DeliveryMode.EXACTLY_ONCE ? registry : new SimpleMeterRegistry();
        this.transactions = Timer.builder("sluice.transactions")
                .description("Exactly-once: transactions committed and how long each commit (flush, offsets, commit) took")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(transactional);
        this.transactionsAborted = Counter.builder("sluice.transactions.aborted")
                .description("Exactly-once: transactions aborted (the instance then stops and its records are read again)")
                .register(transactional);
        this.batchWait = stage("batch-wait", "taken in until its micro-batch went into the model (linger, worker queue, backoff)");
        this.model = stage("model", "its micro-batch's model call");
        this.keyWait = stage("key-wait",
                "scored until its lane let it go (earlier records of its key, or of its partition in exactly-once)");
        this.publishing = stage("publish",
                "handed to the publisher until the broker acknowledged it (publisher queue, producer linger, acks=all)");
        this.scoredOverHttp = Counter.builder("sluice.score.texts").description("Texts scored through POST /api/score")
                .register(registry);
    }

    /**
     * The one registry behind Quarkus's composite, when there is just one (Prometheus): meters
     * recorded per result then skip the composite, whose every record() walks its children through
     * a new iterator (measured on the throughput benchmark: docs/BENCHMARKS.md). With several
     * backends, the composite, so that each gets every meter.
     */
    static MeterRegistry backingRegistry(MeterRegistry registry) {
        if (registry instanceof CompositeMeterRegistry composite && composite.getRegistries().size() == 1) {
            return composite.getRegistries().iterator().next();
        }
        return registry;
    }

    private Timer stage(String stage, String what) {
        return Timer.builder("sluice.stage.duration").tag("stage", stage).description("Per result, time from " + what)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    /** A result's stage times, from the monotonic stamps it carries (taken, scoring, scored, released, acknowledged). */
    public void stages(long taken, long scoring, long scored, long released, long acknowledged) {
        if (scoring == 0 || scored == 0 || released == 0) {
            return; // Not scored in this instance's model call (replayed from the retry topic's due time, say).
        }
        batchWait.record(scoring - taken, java.util.concurrent.TimeUnit.NANOSECONDS);
        model.record(scored - scoring, java.util.concurrent.TimeUnit.NANOSECONDS);
        keyWait.record(released - scored, java.util.concurrent.TimeUnit.NANOSECONDS);
        publishing.record(acknowledged - released, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void transactionCommitted(long nanos) {
        transactions.record(Duration.ofNanos(nanos));
    }

    public void transactionAborted() {
        transactionsAborted.increment();
    }

    public long transactionsCommitted() {
        return transactions.count();
    }

    public long transactionsAborted() {
        return (long) transactionsAborted.count();
    }

    /** Mean commit time of the transactions so far, in milliseconds. */
    public double transactionMeanMillis() {
        return transactions.mean(java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public void consumed(int records) {
        consumed.increment(records);
    }

    /**
     * A result was acknowledged; {@code sentiment} is its {@link #sentimentCounter}, looked up by
     * the thread that scored it: looking a source up here, on the producer's I/O thread, meant
     * hashing a string last touched on another core (4 % of the samples of a steady-state profile).
     * Null when that lookup failed: the result is then counted in every meter but that one.
     */
    public void processed(int partition, Counter sentiment, long requestTimestampMs, long nowMs) {
        processed.increment();
        if (partition >= 0 && partition < MAX_PARTITIONS) {
            processedByPartition.incrementAndGet(partition);
        }
        if (sentiment != null) {
            sentiment.increment();
        }
        long latency = nowMs - requestTimestampMs;
        if (requestTimestampMs > 0 && latency >= 0) {
            endToEnd.record(latency, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    public void failed(FailureReason reason) {
        failed.get(reason).increment();
    }

    public void retried() {
        retried.increment();
    }

    public void deadLettered(FailureReason reason) {
        deadLettered.get(reason).increment();
    }

    public void deduplicated() {
        deduplicated.increment();
    }

    /**
     * Counts the record state moves the owner's transition table forbids (each applied anyway and
     * logged); any count above zero is a bug to report.
     */
    public void countIllegalMoves(java.util.function.LongSupplier moves) {
        io.micrometer.core.instrument.FunctionCounter.builder("sluice.records.illegal.transitions", moves, m -> m.getAsLong())
                .description("Record state moves the transition table forbids (a bug: please report it)").register(registry);
    }

    public void replayed(long records) {
        replayed.increment(records);
    }

    public void scoredOverHttp(int texts) {
        scoredOverHttp.increment(texts);
    }

    public void rebalanced() {
        rebalances.increment();
    }

    public void batch(int size, long inferenceNanos) {
        batchSize.record(size);
        inference.record(Duration.ofNanos(inferenceNanos));
    }

    /** Results acknowledged since start. */
    public long processedTotal() {
        return (long) processed.count();
    }

    /** Results acknowledged since start per requests partition, for the partitions that had any. */
    public Map<Integer, Long> processedByPartition() {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        for (int p = 0; p < MAX_PARTITIONS; p++) {
            long count = processedByPartition.get(p);
            if (count > 0) {
                out.put(p, count);
            }
        }
        return out;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The counter of results with this label from this source (or from {@code other}, past the bound on sources). */
    public Counter sentimentCounter(String source, Label label) {
        String name = source == null || source.isEmpty() ? "none" : source;
        Counter[] counters = topSources.get(name);
        if (counters == null) {
            if (name.length() > MAX_SOURCE_CHARS || (allowedSources != null && !allowedSources.contains(name) && !name.equals("none"))) {
                return other[label.ordinal()];
            }
            synchronized (topSources) {
                counters = topSources.get(name);
                if (counters == null) {
                    if (allowedSources == null && topSources.size() >= MAX_SOURCES) {
                        return other[label.ordinal()]; // Not stored: the map stays bounded whatever the sources.
                    }
                    counters = register(name);
                    topSources.put(name, counters);
                }
            }
        }
        return counters[label.ordinal()];
    }

    private Counter[] register(String source) {
        Counter[] counters = new Counter[Label.values().length];
        for (Label label : Label.values()) {
            counters[label.ordinal()] = Counter.builder("sluice.sentiment").tag("label", label.json()).tag("source", source)
                    .description("Scored records by label and source (top sources, the rest as other)").register(registry);
        }
        return counters;
    }
}
