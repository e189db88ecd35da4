package dev.sluice.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every knob a sluice user turns, under {@code sluice.*}. Defaults here are the documented ones;
 * application.properties repeats them so that the file shows the whole surface.
 */
@ConfigMapping(prefix = "sluice")
public interface SluiceConfig {

    /** How records may overtake each other: {@code key} (default), {@code partition} or {@code unordered}. */
    @WithDefault("key")
    OrderingMode ordering();

    /** Consumer group of the requests topic. */
    @WithName("group-id")
    @WithDefault("sluice")
    String groupId();

    /**
     * Static membership: the {@code group.instance.id} of both consumers, e.g. the pod name. A
     * restarted instance with the same id gets its partitions back without a rebalance. Unset: dynamic membership.
     */
    @WithName("group-instance-id")
    Optional<String> groupInstanceId();

    /** Worker-pool size: micro-batches in inference at once. */
    @WithDefault("8")
    int concurrency();

    /** Records buffered or in flight per instance; beyond it fetching pauses. */
    @WithName("max-in-flight")
    @WithDefault("20000")
    int maxInFlight();

    /** Request values larger than this are dead-lettered as {@code too-large}. */
    @WithName("max-request-bytes")
    @WithDefault("65536")
    int maxRequestBytes();

    /** {@code at-least-once} (default) or {@code exactly-once} (Kafka transactions). */
    @WithDefault("at-least-once")
    DeliveryMode delivery();

    /** Settings of {@code sluice.delivery=exactly-once}. */
    @WithName("exactly-once")
    ExactlyOnce exactlyOnce();

    /**
     * Kafka's lz4 codec through lz4-java's JNI library in the JVM, for the results sluice compresses
     * and the lz4 requests it reads; {@code false} keeps lz4-java's pure-Java codec, which the native
     * executable always uses.
     */
    @WithName("lz4-native")
    @WithDefault("true")
    boolean lz4Native();

    /** {@code none} (default) or {@code latest-per-key}: score only the newest waiting record of a key. */
    @WithDefault("none")
    DedupeMode dedupe();

    Topics topics();

    Batch batch();

    Retry retry();

    DeadLetter dlq();

    Model model();

    Commit commit();

    Shutdown shutdown();

    Producer producer();

    Health health();

    Metrics metrics();

    Score score();

    /** {@code POST /api/score}: synchronous scoring through the same micro-batches as the Kafka path. */
    interface Score {

        /** Texts one call may send. */
        @WithName("max-texts")
        @WithDefault("256")
        int maxTexts();

        /** Texts being scored for callers at once, over all calls; a call beyond it is answered 429 at once. */
        @WithName("max-in-flight")
        @WithDefault("2048")
        int maxInFlight();
    }

    interface Metrics {

        /**
         * The sources that get a {@code source} label of their own on {@code sluice_sentiment_total};
         * every other source counts as {@code other}. Unset: the first 20 sources seen. Either way a
         * source longer than 64 characters never becomes a label value (it counts as {@code other}).
         */
        Optional<List<String>> sources();
    }

    interface Health {

        /** How often lag, topics and broker reachability are read in the background. */
        @WithName("lag-refresh")
        @WithDefault("5s")
        Duration lagRefresh();

        /** A partition with lag whose committed offset has not moved this long is stalled (readiness down). */
        @WithName("stall-after")
        @WithDefault("2m")
        Duration stallAfter();

        /** With work in flight and no record ending for this long, the service is wedged (liveness down). */
        @WithName("wedged-after")
        @WithDefault("5m")
        Duration wedgedAfter();
    }

    Dev dev();

    interface Topics {

        /** Input topic of JSON requests. */
        @WithDefault("sluice.requests")
        String requests();

        /** Output topic of scored results, keyed like the request. */
        @WithDefault("sluice.results")
        String results();

        /** Records waiting for a delayed retry. */
        @WithDefault("sluice.retry")
        String retry();

        /** Records sluice gave up on, with the reason in headers. */
        @WithDefault("sluice.dlq")
        String dlq();
    }

    interface Batch {

        /** A micro-batch closes when it holds this many records ... */
        @WithName("max-size")
        @WithDefault("64")
        int maxSize();

        /**
         * ... or when this much time has passed since it opened, whichever comes first. A batch of
         * polled records also closes once its whole poll is in it, so this wait applies to records
         * arriving one at a time (retries, texts posted to {@code /api/score}).
         */
        @WithDefault("5ms")
        Duration linger();

        /** A batch still in inference after this long counts as failed ({@code timeout}) and its worker is freed. */
        @WithDefault("30s")
        Duration timeout();
    }

    interface Retry {

        /** Attempts in all (first try included) before a record is dead-lettered. */
        @WithName("max-attempts")
        @WithDefault("5")
        int maxAttempts();

        /** Attempts made in process, with backoff, before the record moves to the retry topic. */
        @WithName("in-process-attempts")
        @WithDefault("2")
        int inProcessAttempts();

        /** Backoff before the second attempt; it doubles on each attempt after. */
        @WithName("initial-backoff")
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Backoff never exceeds this. */
        @WithName("max-backoff")
        @WithDefault("60s")
        Duration maxBackoff();

        /** Fraction of each backoff that is randomised (0 to 1), so that failures do not retry in lockstep. */
        @WithDefault("0.5")
        double jitter();

        /**
         * Records read back from the retry topic that may wait for their due time at once; when they
         * fill it, the retry consumer pauses (never the requests consumer).
         */
        @WithName("max-waiting")
        @WithDefault("10000")
        int maxWaiting();
    }

    interface DeadLetter {

        /** A dead letter already replayed this many times stays parked. */
        @WithName("max-replays")
        @WithDefault("3")
        int maxReplays();

        Replay replay();

        interface Replay {

            /** Quartz cron for scheduled replays of every parked reason, or {@code off}. */
            @WithDefault("off")
            String cron();
        }
    }

    interface Model {

        /** {@code hybrid}, {@code lexicon}, {@code onnx} or {@code simulated}. */
        @WithDefault("hybrid")
        ModelKind kind();

        /** Texts are cut to this many characters before scoring. */
        @WithName("max-chars")
        @WithDefault("4096")
        int maxChars();

        /** Scores within (-band, +band) are labelled neutral. */
        @WithName("neutral-band")
        @WithDefault("0.05")
        double neutralBand();

        /**
         * Shifts the neutral class's log-odds from the rule each bundled model was calibrated with
         * (leave-one-domain-out, docs/MODEL.md): below 0 fewer texts are labelled neutral (better
         * accuracy on polar text), above 0 more (better neutral recall); each unit multiplies the
         * neutral odds by e. For models with a neutral class ({@code hybrid}, {@code onnx}).
         */
        @WithName("neutral-bias")
        @WithDefault("0")
        double neutralBias();

        Simulated simulated();

        Onnx onnx();

        interface Onnx {

            /**
             * A model directory: a Hugging Face Optimum export of a sequence classifier as it is
             * ({@code model.onnx}, {@code config.json} with {@code id2label}, {@code tokenizer.json}),
             * or an encoder with a head described by {@code sluice-model.json}. Unset: the bundled
             * bge-small classifier.
             */
            Optional<java.nio.file.Path> path();

            /**
             * One label (positive, negative or neutral) per model output in id order, for an
             * Optimum export whose {@code id2label} names are not those words: {@code LABEL_0..n}
             * (e.g. {@code negative,neutral,positive}) or a 1-5 star model
             * ({@code negative,negative,neutral,positive,positive}). Unset: {@code id2label}'s names.
             */
            Optional<List<String>> labels();

            /** Texts are cut to this many tokens, or to the tokenizer's own limit when that is lower. */
            @WithName("max-length")
            @WithDefault("256")
            int maxLength();

            /**
             * ONNX Runtime's threads per session call; 0 lets it choose (one per core of the
             * machine). 1: the worker pool's concurrent calls each run on their own thread, which
             * scored the bundled model 1.2-1.45 times as fast end to end as 0 (docs/BENCHMARKS.md).
             */
            @WithName("intra-op-threads")
            @WithDefault("1")
            int intraOpThreads();

            /** ONNX Runtime's graph optimization: {@code none}, {@code basic}, {@code extended} or {@code all}. */
            @WithName("optimization-level")
            @WithDefault("all")
            OnnxOptimization optimizationLevel();

            /**
             * A micro-batch goes into a model that batches ordered by token count, at most this many
             * texts per session call, each call padded to its longest text only: padding is work for
             * nothing. 1 scores every text alone; a model whose {@code sluice-model.json} says
             * {@code score-texts-alone} (the bundled one) always does.
             */
            @WithName("group-size")
            @WithDefault("8")
            int groupSize();
        }

        interface Simulated {

            /** Time one batch takes, whatever its size. */
            @WithDefault("0ms")
            Duration latency();

            /** A random extra of up to this much per batch, on top of latency. */
            @WithName("latency-jitter")
            @WithDefault("0ms")
            Duration latencyJitter();

            /** The model throws for a batch holding a text that contains this marker. */
            @WithName("fail-when-contains")
            Optional<String> failWhenContains();

            /** The model blocks (past any batch timeout) for a text that contains this marker. */
            @WithName("hang-when-contains")
            Optional<String> hangWhenContains();
        }
    }

    interface Commit {

        /** How often contiguous finished offsets are committed. */
        @WithDefault("1s")
        Duration interval();
    }

    interface ExactlyOnce {

        /**
         * This instance's transactional id prefix: stable across its restarts (so a restart fences its
         * predecessor's open transaction at once) and unique in the group. Default: the host name,
         * i.e. the pod name on Kubernetes.
         */
        @WithName("transactional-id")
        Optional<String> transactionalId();

        /**
         * How long the broker lets a transaction stay open before aborting it: the bound on how
         * long a crashed instance's uncommitted results hold read_committed readers back.
         */
        @WithName("transaction-timeout")
        @WithDefault("30s")
        Duration transactionTimeout();
    }

    interface Shutdown {

        /** On SIGTERM or revocation, how long in-flight work may take to finish before it is handed back. */
        @WithName("drain-timeout")
        @WithDefault("25s")
        Duration drainTimeout();
    }

    interface Producer {

        /** Producer linger for results and dead letters (throughput against latency). */
        @WithName("linger")
        @WithDefault("5ms")
        Duration linger();

        /** Producer batch size in bytes. */
        @WithName("batch-bytes")
        @WithDefault("262144")
        int batchBytes();

        /** none, gzip, snappy, lz4 or zstd; lz4 by measurement (docs/BENCHMARKS.md), zstd for network-bound links. */
        @WithDefault("lz4")
        String compression();
    }

    interface Dev {

        /** Dev mode only: a producer that sends demo requests so that metrics move. */
        DemoProducer demoProducer();

        interface DemoProducer {

            @WithDefault("true")
            boolean enabled();

            /** Requests per second. */
            @WithDefault("20")
            int rate();
        }
    }
}
