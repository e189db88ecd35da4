package dev.sluice.bench;

import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sluice.devbroker.EmbeddedKafkaBroker;
import dev.sluice.inference.onnx.ModelFiles;
import dev.sluice.inference.onnx.OnnxModelLoader;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * sluice with the bundled transformer, end to end through Kafka, against a bare ONNX Runtime loop
 * over the same encoder, tokenizer and texts, in one run on this machine. The bare loop tokenizes
 * and runs the encoder in this JVM at batch 1 and at batch 32 (its best counts); sluice drains N
 * preloaded requests (about 100-byte texts) as a child process: the runnable jar, or the native
 * executable with {@code SLUICE_BENCH_JAR=target/sluice-0.1.0-SNAPSHOT-runner}.
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.bench.OnnxEndToEndBenchmark}
 * (argument: {@code -Dbench.args=6000}, the number of requests).
 */
public final class OnnxEndToEndBenchmark {

    private static final long BARE_NANOS = 10_000_000_000L;

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        System.out.printf("machine: %d cores, JDK %s; sluice: %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), SluiceChild.jar());
        List<String> texts = texts(requests);
        double batchOne = bareLoop(texts, 1);
        System.out.printf("bare ONNX Runtime loop, batch 1:  %,.0f texts/s%n", batchOne);
        double batchOf32 = bareLoop(texts, 32);
        System.out.printf("bare ONNX Runtime loop, batch 32: %,.0f texts/s%n", batchOf32);
        double bare = Math.max(batchOne, batchOf32);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Map.of("num.io.threads", "2", "num.network.threads", "2"))) {
            broker.createTopics(12, List.of("sluice.requests", "sluice.results", "sluice.retry", "sluice.dlq"));
            ThroughputBenchmark.preload(broker.bootstrapServers(), requests);
            try (SluiceChild child = SluiceChild.start(SluiceChild.jar(), broker.bootstrapServers(), Map.of("SLUICE_MODEL_KIND", "onnx"))) {
                ThroughputBenchmark.Measurement sluice = ThroughputBenchmark.measure(broker.bootstrapServers(), "sluice.results", requests,
                        child);
                System.out.printf("sluice end to end (kind=onnx):    %,.0f texts/s, %.0f us CPU per record%n", sluice.ratePerSecond(),
                        sluice.cpuMicrosPerRecord());
                System.out.printf("ratio sluice / best bare loop:    %.2f%n", sluice.ratePerSecond() / bare);
            }
        }
    }

    /** The texts of the requests {@link ThroughputBenchmark#preload} sends, in the same order. */
    private static List<String> texts(int requests) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Random random = new Random(1);
        List<String> texts = new ArrayList<>(requests);
        for (long i = 0; i < requests; i++) {
            texts.add(json.readTree(ThroughputBenchmark.request(i, random)).get("text").asText());
        }
        return texts;
    }

    /** Texts per second through tokenizer and encoder alone, after one warm-up pass of the same length. */
    private static double bareLoop(List<String> texts, int batch) throws Exception {
        ModelFiles files = ModelFiles.classPath(OnnxModelLoader.BUNDLED);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
                new java.io.ByteArrayInputStream(files.read(ModelFiles.TOKENIZER)),
                Map.of("truncation", "true", "padding", "true", "maxLength", "128"));
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = environment.createSession(files.read(ModelFiles.MODEL), options)) {
            run(session, environment, tokenizer, texts, batch);
            long start = System.nanoTime();
            long scored = 0;
            while (System.nanoTime() - start < BARE_NANOS) {
                scored += run(session, environment, tokenizer, texts, batch);
            }
            return scored / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** One pass over up to 2,000 texts; returns how many were scored. */
    private static int run(OrtSession session, OrtEnvironment environment, HuggingFaceTokenizer tokenizer, List<String> texts, int batch)
            throws OrtException {
        int scored = 0;
        float sink = 0;
        for (int at = 0; at + batch <= Math.min(texts.size(), 2000); at += batch) {
            Encoding[] encodings = tokenizer.batchEncode(texts.subList(at, at + batch));
            int columns = encodings[0].getIds().length;
            long[] shape = {batch, columns};
            Map<String, long[]> inputs = Map.of("input_ids", new long[batch * columns], "attention_mask", new long[batch * columns],
                    "token_type_ids", new long[batch * columns]);
            for (int r = 0; r < batch; r++) {
                System.arraycopy(encodings[r].getIds(), 0, inputs.get("input_ids"), r * columns, columns);
                System.arraycopy(encodings[r].getAttentionMask(), 0, inputs.get("attention_mask"), r * columns, columns);
                System.arraycopy(encodings[r].getTypeIds(), 0, inputs.get("token_type_ids"), r * columns, columns);
            }
            Map<String, OnnxTensor> feed = new HashMap<>();
            try {
                for (Map.Entry<String, long[]> input : inputs.entrySet()) {
                    feed.put(input.getKey(), OnnxTensor.createTensor(environment, LongBuffer.wrap(input.getValue()), shape));
                }
                try (OrtSession.Result result = session.run(feed)) {
                    sink += ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
                }
            } finally {
                feed.values().forEach(OnnxTensor::close);
            }
            scored += batch;
        }
        if (sink == Float.MIN_VALUE) {
            System.out.println(sink); // Keeps the results alive for the JIT.
        }
        return scored;
    }
}
