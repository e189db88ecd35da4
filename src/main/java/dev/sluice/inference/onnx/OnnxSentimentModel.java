package dev.sluice.inference.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import dev.sluice.inference.BundledModelData;
import dev.sluice.inference.SentimentModel;
import dev.sluice.inference.hybrid.HybridFeatures;
import dev.sluice.inference.hybrid.HybridModel;
import dev.sluice.inference.hybrid.HybridWeights;
import dev.sluice.record.Label;
import dev.sluice.record.Sentiment;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * Any transformer exported to ONNX, run batch by batch on ONNX Runtime: the batch is tokenized by
 * its Hugging Face tokenizer, ordered by token count and scored in groups of texts of similar
 * length, each group padded to its longest text and scored in one session call. A
 * sequence classifier's logits, or a linear head over an encoder's pooled embedding, give class
 * probabilities; the score is P(positive) - P(negative) and the label the most probable class
 * (positive or negative within the neutral band become neutral, for models without a neutral class).
 * A head may also read the text's lexicon features after the embedding ({@code lexicon-features}):
 * the words VADER and AFINN know carry sentiment an encoder trained on other text can miss. And a
 * model's logits may be blended with the bundled {@code hybrid} model's ({@code hybrid-share}):
 * held out, the two err on different texts (docs/MODEL.md).
 */
public final class OnnxSentimentModel implements SentimentModel, AutoCloseable {

    private static final Sentiment NO_TEXT = new Sentiment(Label.NEUTRAL, 0);
    private static final Set<String> KNOWN_INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");

    /** Texts per session call unless configured: the fastest of 1, 2, 4, 8, 16 and 64 for two fp32 encoders on 2 cores (docs/MODEL.md). */
    public static final int DEFAULT_GROUP_SIZE = 8;

    /**
     * How the model runs: the token cut, ONNX Runtime's threads and graph optimization, the neutral
     * band, the whole neutral bias (the model's calibrated one plus the user's), an Optimum
     * export's labels in id order when its {@code id2label} names are not sentiments (empty: its
     * own), and the most texts of similar length scored in one session call.
     */
    public record Options(int maxLength, int intraOpThreads, OrtSession.SessionOptions.OptLevel optimization, double neutralBand,
            double neutralBias, List<String> labels, int groupSize) {

        public Options {
            if (groupSize < 1) {
                throw new IllegalArgumentException("sluice.model.onnx.group-size must be at least 1, got " + groupSize);
            }
        }

        public Options(int maxLength, int intraOpThreads, OrtSession.SessionOptions.OptLevel optimization, double neutralBand,
                double neutralBias, List<String> labels) {
            this(maxLength, intraOpThreads, optimization, neutralBand, neutralBias, labels, DEFAULT_GROUP_SIZE);
        }

        public Options(int maxLength, int intraOpThreads, OrtSession.SessionOptions.OptLevel optimization, double neutralBand) {
            this(maxLength, intraOpThreads, optimization, neutralBand, 0, List.of());
        }
    }

    private final ModelDescriptor descriptor;
    private final LinearHead head;
    /** What the lexicon features and the hybrid model read of a text, or null when the model uses neither. */
    private final HybridFeatures features;
    /** The bundled hybrid model whose logits are blended in, or null when the descriptor's hybrid share is 0. */
    private final HybridModel hybrid;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Set<String> inputs;
    private final double neutralBand;
    /** e^bias: the factor on the neutral odds, computed once. */
    private final double neutralOdds;
    /** Texts per session call: 1 when the descriptor says to score texts alone. */
    private final int groupSize;
    private final Map<String, Object> evaluation;

    private OnnxSentimentModel(ModelDescriptor descriptor, LinearHead head, HuggingFaceTokenizer tokenizer, OrtEnvironment environment,
            OrtSession session, Options options, Map<String, Object> evaluation) {
        this.descriptor = descriptor;
        this.head = head;
        this.features = descriptor.lexiconFeatures() || descriptor.hybridShare() > 0 ? HybridFeatures.bundled() : null;
        // The neutral rule is applied to the blend, so the hybrid model's own bias plays no part.
        this.hybrid = descriptor.hybridShare() > 0
                ? new HybridModel(features, BundledModelData.HYBRID_WEIGHTS, options.neutralBand(), 0)
                : null;
        this.tokenizer = tokenizer;
        this.environment = environment;
        this.session = session;
        this.inputs = session.getInputNames();
        this.neutralBand = options.neutralBand();
        this.neutralOdds = Math.exp(options.neutralBias());
        this.groupSize = descriptor.scoreTextsAlone() ? 1 : options.groupSize();
        this.evaluation = evaluation;
    }

    /** Loads and checks a model; every problem is an {@link InvalidModelException} naming the file. */
    public static OnnxSentimentModel load(ModelFiles files, Options options, Map<String, Object> evaluation) {
        ModelBytes model = new ModelBytes(files);
        ModelDescriptor descriptor = ModelDescriptor.read(files, options.labels(), model);
        LinearHead head = descriptor.type() == ModelDescriptor.Type.SENTENCE_ENCODER
                ? LinearHead.read(files, descriptor.head(), descriptor.labels().size())
                : null;
        return load(files, model.get(), descriptor, head, options, evaluation);
    }

    /** Loads a model whose descriptor and head are given (the head trainer passes its own). */
    public static OnnxSentimentModel load(ModelFiles files, ModelDescriptor descriptor, LinearHead head, Options options,
            Map<String, Object> evaluation) {
        return load(files, files.read(ModelFiles.MODEL), descriptor, head, options, evaluation);
    }

    private static OnnxSentimentModel load(ModelFiles files, byte[] model, ModelDescriptor descriptor, LinearHead head, Options options,
            Map<String, Object> evaluation) {
        HuggingFaceTokenizer tokenizer = tokenizer(files, options.maxLength());
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            sessionOptions.setOptimizationLevel(options.optimization());
            if (options.intraOpThreads() > 0) {
                sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
            }
            session = environment.createSession(model, sessionOptions);
            checkSignature(files, descriptor, head, session);
            return new OnnxSentimentModel(descriptor, head, tokenizer, environment, session, options, evaluation);
        } catch (OrtException e) {
            tokenizer.close();
            throw new InvalidModelException(files.describe(ModelFiles.MODEL) + ": ONNX Runtime cannot load it (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            tokenizer.close();
            closeQuietly(session);
            throw e;
        }
    }

    private static HuggingFaceTokenizer tokenizer(ModelFiles files, int maxLength) {
        byte[] json = files.read(ModelFiles.TOKENIZER);
        int limit = tokenLimit(files, maxLength);
        try (InputStream in = new java.io.ByteArrayInputStream(json)) {
            return HuggingFaceTokenizer.newInstance(in,
                    Map.of("truncation", "true", "padding", "false", "maxLength", String.valueOf(limit)));
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelException(
                    files.describe(ModelFiles.TOKENIZER) + ": not a Hugging Face tokenizer.json (" + e.getMessage() + ")",
                    e);
        }
    }

    /**
     * Texts are cut at {@code configured} tokens, or at the tokenizer's own limit where it has a
     * lower one: {@code tokenizer.json}'s truncation, or an Optimum export's
     * {@code tokenizer_config.json} {@code model_max_length} (Hugging Face writes a huge number there
     * for "no limit"). A longer input would overrun the model's position embeddings.
     */
    static int tokenLimit(ModelFiles files, int configured) {
        int limit = configured;
        com.fasterxml.jackson.databind.JsonNode truncation = files.json(ModelFiles.TOKENIZER).path("truncation");
        if (truncation.path("max_length").canConvertToInt() && truncation.path("max_length").asInt() > 0) {
            limit = Math.min(limit, truncation.path("max_length").asInt());
        }
        if (files.has(ModelFiles.TOKENIZER_CONFIG)) {
            com.fasterxml.jackson.databind.JsonNode max = files.json(ModelFiles.TOKENIZER_CONFIG).path("model_max_length");
            if (max.canConvertToInt() && max.asInt() > 0) {
                limit = Math.min(limit, max.asInt());
            }
        }
        return limit;
    }

    /** The model must take token ids (and optionally the mask and type ids) and give what the descriptor says. */
    private static void checkSignature(ModelFiles files, ModelDescriptor descriptor, LinearHead head, OrtSession session)
            throws OrtException {
        String where = files.describe(ModelFiles.MODEL);
        if (!session.getInputNames().contains("input_ids") || !KNOWN_INPUTS.containsAll(session.getInputNames())) {
            throw new InvalidModelException(
                    where + ": inputs are " + session.getInputNames() + "; sluice feeds input_ids and, when the model has them, "
                            + "attention_mask and token_type_ids");
        }
        NodeInfo output = session.getOutputInfo().values().iterator().next();
        if (!(output.getInfo() instanceof TensorInfo tensor)) {
            throw new InvalidModelException(where + ": its first output " + output.getName() + " is not a tensor");
        }
        long[] shape = tensor.getShape();
        long last = shape[shape.length - 1];
        if (descriptor.type() == ModelDescriptor.Type.SEQUENCE_CLASSIFIER) {
            if (shape.length != 2 || (last > 0 && last != descriptor.labels().size())) {
                throw new InvalidModelException(
                        where + ": a sequence classifier's first output must be [batch, " + descriptor.labels().size()
                                + "] logits (one per label in sluice-model.json), but " + output.getName() + " is "
                                + Arrays.toString(shape));
            }
        } else if (shape.length != 3 || (last > 0 && last != embeddingWidth(descriptor, head))) {
            throw new InvalidModelException(where + ": a sentence encoder's first output must be [batch, tokens, "
                    + embeddingWidth(descriptor, head) + "] (the head's width"
                    + (descriptor.lexiconFeatures() ? " less its " + HybridFeatures.LEXICON_FEATURES + " lexicon features" : "")
                    + "), but " + output.getName() + " is " + Arrays.toString(shape));
        }
    }

    /** The embedding's width as the head reads it: all of the head's inputs but the lexicon features after it. */
    private static int embeddingWidth(ModelDescriptor descriptor, LinearHead head) {
        return head.dimension() - (descriptor.lexiconFeatures() ? HybridFeatures.LEXICON_FEATURES : 0);
    }

    @Override
    public String name() {
        return descriptor.name();
    }

    @Override
    public String version() {
        return descriptor.version();
    }

    @Override
    public boolean threadSafe() {
        return true; // OrtSession.run and the Rust tokenizer's encode may be called concurrently.
    }

    @Override
    public Map<String, Object> evaluation() {
        return evaluation;
    }

    @Override
    public void warmUp() {
        for (int i = 0; i < 5; i++) {
            predict(List.of("warm-up: a good start", "not bad at all!", "",
                    "a longer text to warm up the kernels for longer inputs as well"));
        }
    }

    /** Blank texts are neutral without asking the model (the contract says so); the rest are scored. */
    @Override
    public List<Sentiment> predict(List<String> texts) {
        List<String> scored = new ArrayList<>(texts.size());
        for (String text : texts) {
            if (!text.isBlank()) {
                scored.add(text);
            }
        }
        List<Sentiment> sentiments = runs(scored, this::sentiments);
        if (scored.size() == texts.size()) {
            return sentiments;
        }
        List<Sentiment> out = new ArrayList<>(texts.size());
        java.util.Iterator<Sentiment> next = sentiments.iterator();
        for (String text : texts) {
            out.add(text.isBlank() ? NO_TEXT : next.next());
        }
        return out;
    }

    /**
     * What the head reads of each text: the pooled (and, when the descriptor says so, normalized)
     * embedding, then the lexicon features when the descriptor asks for them. For training a head.
     */
    public List<float[]> headInputs(List<String> texts) {
        return runs(texts, (batchTexts, batch, output) -> {
            float[] states = floats(output);
            int hidden = (int) output.getInfo().getShape()[2];
            List<float[]> out = new ArrayList<>(batch.rows());
            HybridFeatures.Vector extracted = new HybridFeatures.Vector();
            for (int r = 0; r < batch.rows(); r++) {
                float[] inputs = new float[hidden + (lexiconFeatures() ? HybridFeatures.LEXICON_FEATURES : 0)];
                pool(states, batch, r, hidden, inputs);
                if (lexiconFeatures()) { // A blend-only model's features are for scoring, not for what its head reads.
                    HybridFeatures.lexiconFeatures(features.extract(batchTexts.get(r), extracted), inputs, hidden);
                }
                out.add(inputs);
            }
            return out;
        });
    }

    /** Whether the head reads lexicon features after the embedding. */
    boolean lexiconFeatures() {
        return descriptor.lexiconFeatures();
    }

    /** A text's features for the lexicon features and the hybrid model, extracted once into {@code into}; null when neither is used. */
    private HybridFeatures.Vector extract(String text, HybridFeatures.Vector into) {
        return features == null ? null : features.extract(text, into);
    }

    private void addLexiconFeatures(HybridFeatures.Vector extracted, float[] inputs, int hidden) {
        if (lexiconFeatures()) {
            HybridFeatures.lexiconFeatures(extracted, inputs, hidden);
        }
    }

    /** Reads a session's output for a batch of texts. */
    @FunctionalInterface
    private interface BatchReader<T> {

        T read(List<String> texts, TokenBatch batch, OnnxTensor output);
    }

    /**
     * The texts in groups of at most {@link #groupSize} of similar token count, one session call per
     * group, the results in the texts' order. A group is padded to its longest text, and padding is
     * work the model does for nothing: 1,000 review sentences of mixed length, batched as they came
     * in 64s, ran at half the rate of the same sentences grouped by length (docs/MODEL.md).
     */
    private <T> List<T> runs(List<String> texts, BatchReader<List<T>> read) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int[] lengths = new int[encodings.length];
        for (int i = 0; i < encodings.length; i++) {
            lengths[i] = encodings[i].getIds().length;
        }
        List<T> out = new ArrayList<>(Collections.nCopies(texts.size(), null));
        for (int[] group : groups(lengths, groupSize)) {
            List<String> groupTexts = new ArrayList<>(group.length);
            Encoding[] groupEncodings = new Encoding[group.length];
            for (int k = 0; k < group.length; k++) {
                groupTexts.add(texts.get(group[k]));
                groupEncodings[k] = encodings[group[k]];
            }
            List<T> results = run(groupTexts, groupEncodings, read);
            for (int k = 0; k < group.length; k++) {
                out.set(group[k], results.get(k));
            }
        }
        return out;
    }

    /**
     * Indices of texts with these token counts, in groups of at most {@code size}: in their order
     * when they fit in one group, otherwise shortest first, so that each group's texts are of
     * similar length.
     */
    static List<int[]> groups(int[] lengths, int size) {
        IntStream indices = IntStream.range(0, lengths.length);
        if (lengths.length <= size) {
            return List.<int[]>of(indices.toArray());
        }
        int[] order = indices.boxed().sorted(Comparator.comparingInt(i -> lengths[i])).mapToInt(Integer::intValue).toArray();
        List<int[]> groups = new ArrayList<>((order.length + size - 1) / size);
        for (int from = 0; from < order.length; from += size) {
            groups.add(Arrays.copyOfRange(order, from, Math.min(order.length, from + size)));
        }
        return groups;
    }

    private <T> T run(List<String> texts, Encoding[] encodings, BatchReader<T> read) {
        TokenBatch batch = TokenBatch.of(encodings);
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (String input : inputs) {
                feed.put(input, OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.input(input)), batch.shape()));
            }
            try (OrtSession.Result result = session.run(feed)) {
                return read.read(texts, batch, (OnnxTensor) result.get(0));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + texts.size() + ": " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] floats(OnnxTensor output) {
        FloatBuffer buffer = output.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /** One sentiment per row, from logits or from the head over the pooled token states. */
    private List<Sentiment> sentiments(List<String> texts, TokenBatch batch, OnnxTensor output) {
        float[] values = floats(output);
        int classes = descriptor.labels().size();
        double[] logits = new double[classes];
        double[] hybridLogits = new double[HybridWeights.CLASSES];
        HybridFeatures.Vector extracted = new HybridFeatures.Vector();
        List<Sentiment> out = new ArrayList<>(batch.rows());
        if (head == null) {
            for (int r = 0; r < batch.rows(); r++) {
                for (int c = 0; c < classes; c++) {
                    logits[c] = values[r * classes + c];
                }
                blendHybrid(extract(texts.get(r), extracted), logits, hybridLogits);
                out.add(sentiment(logits));
            }
            return out;
        }
        int hidden = (int) output.getInfo().getShape()[2];
        float[] inputs = new float[head.dimension()];
        for (int r = 0; r < batch.rows(); r++) {
            pool(values, batch, r, hidden, inputs);
            HybridFeatures.Vector text = extract(texts.get(r), extracted);
            addLexiconFeatures(text, inputs, hidden);
            head.logits(inputs, 0, logits);
            blendHybrid(text, logits, hybridLogits);
            out.add(sentiment(logits));
        }
        return out;
    }

    private void pool(float[] states, TokenBatch batch, int row, int hidden, float[] embedding) {
        Arrays.fill(embedding, 0f);
        int tokens = 0;
        int columns = batch.columns();
        for (int t = 0; t < columns; t++) {
            if (batch.attended(row, t) && (descriptor.pooling() == ModelDescriptor.Pooling.MEAN || t == 0)) {
                int base = (row * columns + t) * hidden;
                for (int i = 0; i < hidden; i++) {
                    embedding[i] += states[base + i];
                }
                tokens++;
            }
        }
        double norm = 0;
        for (int i = 0; i < hidden; i++) {
            embedding[i] /= Math.max(tokens, 1);
            norm += embedding[i] * embedding[i];
        }
        if (descriptor.normalize() && norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < hidden; i++) {
                embedding[i] *= scale;
            }
        }
    }

    /** The label probabilities (by {@link Label} ordinal) a head gives one text's {@link #headInputs}: for training and calibrating heads. */
    double[] probabilities(LinearHead head, float[] inputs) {
        return probabilities(head, null, inputs, null);
    }

    /** As served, but with this head and this hybrid model (null: none) blended in by the descriptor's share. For training a head. */
    double[] probabilities(LinearHead head, HybridModel hybrid, float[] inputs, String text) {
        double[] logits = new double[head.classes()];
        head.logits(inputs, 0, logits);
        if (hybrid != null) {
            double[] hybridLogits = new double[HybridWeights.CLASSES];
            hybrid.logits(text, hybridLogits);
            blend(logits, hybridLogits);
        }
        return probabilities(logits);
    }

    /** Blends in the served hybrid model's logits of a text whose features are extracted (nothing when there is no hybrid share). */
    private void blendHybrid(HybridFeatures.Vector extracted, double[] logits, double[] hybridLogits) {
        if (hybrid != null) {
            hybrid.logits(extracted, hybridLogits);
            blend(logits, hybridLogits);
        }
    }

    /** The model's logits times (1 - share) plus the hybrid model's times the share, label by label. */
    private void blend(double[] logits, double[] hybridLogits) {
        double share = descriptor.hybridShare();
        for (int c = 0; c < logits.length; c++) {
            logits[c] = (1 - share) * logits[c] + share * hybridLogits[HybridModel.row(descriptor.labels().get(c))];
        }
    }

    /** The hybrid share the descriptor asks for: what a head's trainer blends its held-out predictions by. */
    double hybridShare() {
        return descriptor.hybridShare();
    }

    /** Softmax over the logits, summed per label, by {@link Label} ordinal. */
    private double[] probabilities(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        double[] probability = new double[Label.values().length];
        for (int c = 0; c < logits.length; c++) {
            double e = Math.exp(logits[c] - max);
            sum += e;
            probability[descriptor.labels().get(c).ordinal()] += e;
        }
        for (int l = 0; l < probability.length; l++) {
            probability[l] /= sum;
        }
        return probability;
    }

    /** The score is P(positive) - P(negative), the label as {@link Sentiment#ofProbabilities} decides. */
    private Sentiment sentiment(double[] logits) {
        double[] p = probabilities(logits);
        return Sentiment.ofProbabilities(p[Label.POSITIVE.ordinal()], p[Label.NEGATIVE.ordinal()], p[Label.NEUTRAL.ordinal()],
                neutralBand, neutralOdds);
    }

    @Override
    public void close() {
        closeQuietly(session);
        tokenizer.close();
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // Closing after a failed load or at shutdown: nothing left to do with the error.
            }
        }
    }

    /** The model file, read when first needed (after the small files are checked) and only once. */
    private static final class ModelBytes implements java.util.function.Supplier<byte[]> {

        private final ModelFiles files;
        private byte[] bytes;

        ModelBytes(ModelFiles files) {
            this.files = files;
        }

        @Override
        public byte[] get() {
            if (bytes == null) {
                bytes = files.read(ModelFiles.MODEL);
            }
            return bytes;
        }
    }

    /** Token ids, attention mask and type ids of a batch, padded with zeros to its longest text. */
    record TokenBatch(int rows, int columns, long[] ids, long[] mask, long[] types) {

        static TokenBatch of(Encoding[] encodings) {
            int columns = 1;
            for (Encoding encoding : encodings) {
                columns = Math.max(columns, encoding.getIds().length);
            }
            int rows = encodings.length;
            long[] ids = new long[rows * columns];
            long[] mask = new long[rows * columns];
            long[] types = new long[rows * columns];
            for (int r = 0; r < rows; r++) {
                long[] rowIds = encodings[r].getIds();
                System.arraycopy(rowIds, 0, ids, r * columns, rowIds.length);
                System.arraycopy(encodings[r].getAttentionMask(), 0, mask, r * columns, rowIds.length);
                System.arraycopy(encodings[r].getTypeIds(), 0, types, r * columns, rowIds.length);
            }
            return new TokenBatch(rows, columns, ids, mask, types);
        }

        long[] shape() {
            return new long[]{rows, columns};
        }

        long[] input(String name) {
            return switch (name) {
                case "input_ids" -> ids;
                case "attention_mask" -> mask;
                default -> types;
            };
        }

        boolean attended(int row, int column) {
            return mask[row * columns + column] != 0;
        }
    }
}
