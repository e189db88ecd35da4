package dev.sluice.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Two builds' {@code ResultWriter} in one JVM, timed in alternation (1 s each): the result JSON of
 * the throughput benchmark's requests (ids, sources, no metadata), each with a score as a model
 * gives it (a double with all its digits), written as the worker writes it after scoring. Prints
 * results written per second for each build and the ratio per pair.
 * <p>
 * {@code ./mvnw -B -q test-compile exec:exec@bench -Pbench -Dbench.class=dev.sluice.bench.ResultWriterComparison
 * -Dbench.args="OLD NEW target/quarkus-app/lib/main [pairs]"}, OLD and NEW each a {@code target/classes}
 * directory or a {@code quarkus-app/app/*.jar}.
 */
public final class ResultWriterComparison {

    private static final int RECORDS = 2_000;
    private static final long ITERATION_NANOS = 1_000_000_000L;

    private ResultWriterComparison() {
    }

    public static void main(String[] args) throws Exception {
        Path dependencies = Path.of(args[2]);
        Build older = new Build(BuildClassLoader.of(Path.of(args[0]), dependencies));
        Build newer = new Build(BuildClassLoader.of(Path.of(args[1]), dependencies));
        int pairs = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        System.out.printf("%,d results, scores tanh(2 N(0,1)); %d pairs of 1 s%n", RECORDS, pairs);
        AlternatingPairs.Result rates = AlternatingPairs.run(pairs, older::rate, newer::rate);
        System.out.printf("older: median %,.0f results/s (%s), e.g. %s%n", rates.firstMedian(), args[0], older.sample());
        System.out.printf("newer: median %,.0f results/s (%s), e.g. %s%n", rates.secondMedian(), args[1], newer.sample());
        System.out.printf("newer / older, per pair: %s%n", rates.ratioSummary(3));
    }

    /** One build's writer and the same records and sentiments, made of its own classes. */
    private static final class Build {

        private final Object writer;
        private final Method write;
        private final List<Object> records = new ArrayList<>(RECORDS);
        private final List<Object> sentiments = new ArrayList<>(RECORDS);

        Build(ClassLoader loader) throws Exception {
            Class<?> mapperClass = loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper");
            Class<?> writerClass = loader.loadClass("dev.sluice.publish.ResultWriter");
            Class<?> recordClass = loader.loadClass("dev.sluice.lifecycle.InFlightRecord");
            Class<?> requestClass = loader.loadClass("dev.sluice.record.SentimentRequest");
            Class<?> sentimentClass = loader.loadClass("dev.sluice.record.Sentiment");
            Class<?> labelClass = loader.loadClass("dev.sluice.record.Label");
            Class<?> partitionClass = loader.loadClass("org.apache.kafka.common.TopicPartition");
            Class<?> metadataClass = loader.loadClass("com.fasterxml.jackson.databind.node.ObjectNode");
            writer = writerClass.getConstructor(mapperClass).newInstance(mapperClass.getConstructor().newInstance());
            write = writerClass.getMethod("write", recordClass, sentimentClass, String.class, long.class);
            Object partition = partitionClass.getConstructor(String.class, int.class).newInstance("sluice.requests", 3);
            Constructor<?> request = requestClass.getConstructor(String.class, String.class, Long.class, String.class, String.class,
                    metadataClass);
            Method detached = recordClass.getMethod("detached", partitionClass, long.class, requestClass);
            Constructor<?> sentiment = sentimentClass.getConstructor(labelClass, double.class);
            Object[] labels = labelClass.getEnumConstants();
            Random random = new Random(1);
            for (int i = 0; i < RECORDS; i++) {
                Object taken = request.newInstance("req-" + i, ThroughputBenchmark.text(random), 1_700_000_000_000L + i,
                        "source-" + i % 1000,
                        null, null);
                records.add(detached.invoke(null, partition, (long) i, taken));
                double score = Math.tanh(2 * random.nextGaussian());
                sentiments.add(sentiment.newInstance(labels[score > 0 ? 0 : 1], score));
            }
        }

        double rate() throws Exception {
            long written = 0;
            long start = System.nanoTime();
            long end = start + ITERATION_NANOS;
            while (System.nanoTime() < end) {
                for (int i = 0; i < RECORDS; i++) {
                    write.invoke(writer, records.get(i), sentiments.get(i), "hybrid-softmax@2+106aa2c98f", 1_700_000_000_123L);
                    written++;
                }
            }
            return written / ((System.nanoTime() - start) / 1e9);
        }

        String sample() throws Exception {
            return new String((byte[]) write.invoke(writer, records.get(0), sentiments.get(0), "hybrid-softmax@2+106aa2c98f", 1L),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
