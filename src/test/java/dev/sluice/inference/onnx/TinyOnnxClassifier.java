package dev.sluice.inference.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes tiny ONNX sequence classifiers for tests: they answer the same logits for every text
 * (Cast, ReduceMean, MatMul by zero weights, Add the logits as a bias). Written as protobuf by hand
 * because no ONNX builder exists for Java and none may be downloaded.
 */
final class TinyOnnxClassifier {

    private TinyOnnxClassifier() {
    }

    /** A model that takes {@code input_ids} only and whose two logits are 0 and {@code secondLogit}. */
    static byte[] model(float secondLogit) {
        return classifier(new float[]{0f, secondLogit}, "batch", "tokens", List.of("input_ids"));
    }

    /**
     * A model in the layout Hugging Face Optimum exports a sequence classifier in: inputs
     * {@code input_ids}, {@code attention_mask} and, for BERT-like models, {@code token_type_ids},
     * all int64 {@code [batch_size, sequence_length]}; output {@code logits}
     * {@code [batch_size, labels]}.
     */
    static byte[] optimumExport(boolean tokenTypeIds, float... logits) {
        List<String> inputs = tokenTypeIds
                ? List.of("input_ids", "attention_mask", "token_type_ids")
                : List.of("input_ids", "attention_mask");
        return classifier(logits, "batch_size", "sequence_length", inputs);
    }

    /**
     * An Optimum-layout classifier whose logits depend on the text and not on padding: {@code bias}
     * plus {@code weight} times the mean token id over the attended tokens. Sums of token ids are
     * whole numbers below 2^24, exact in float32 in any order, so a text gets the same logits to the
     * bit alone or padded beside longer texts.
     */
    static byte[] maskedMeanExport(float[] weight, float[] bias) {
        Message graph = new Message()
                .message(1, node("Cast", "input_ids", "ids", toFloat()))
                .message(1, node("Cast", "attention_mask", "mask", toFloat()))
                .message(1, node("Mul", "ids,mask", "attended"))
                .message(1, node("ReduceSum", "attended", "id_sum", overTokens(), keepDims()))
                .message(1, node("ReduceSum", "mask", "tokens", overTokens(), keepDims()))
                .message(1, node("Div", "id_sum,tokens", "mean_id"))
                .message(1, node("MatMul", "mean_id,W", "scaled"))
                .message(1, node("Add", "scaled,B", "logits"))
                .string(2, "tiny-masked-mean-classifier")
                .message(5, tensor("W", new long[]{1, weight.length}, weight))
                .message(5, tensor("B", new long[]{bias.length}, bias));
        // Opset 11: ReduceSum takes its axes as an attribute there (an input from 13 on).
        return model(graph, List.of("input_ids", "attention_mask", "token_type_ids"), "batch_size", "sequence_length", bias.length,
                11);
    }

    private static byte[] classifier(float[] logits, String batchAxis, String tokenAxis, List<String> inputs) {
        Message graph = new Message()
                .message(1, node("Cast", "input_ids", "as_float", toFloat()))
                .message(1, node("ReduceMean", "as_float", "mean", overTokens(), keepDims()))
                .message(1, node("MatMul", "mean,W", "scaled"))
                .message(1, node("Add", "scaled,B", "logits"))
                .string(2, "tiny-classifier")
                .message(5, tensor("W", new long[]{1, logits.length}, new float[logits.length]))
                .message(5, tensor("B", new long[]{logits.length}, logits));
        return model(graph, inputs, batchAxis, tokenAxis, logits.length, 13);
    }

    /** The graph with its int64 token inputs and float {@code logits} output declared, as a model of the default domain's opset. */
    private static byte[] model(Message graph, List<String> inputs, String batchAxis, String tokenAxis, int labels, int opset) {
        for (String input : inputs) {
            graph.message(11, valueInfo(input, 7, batchAxis, tokenAxis, null));
        }
        graph.message(12, valueInfo("logits", 1, batchAxis, tokenAxis, (long) labels));
        return new Message()
                .varint(1, 8)
                .string(2, "sluice-test")
                .message(7, graph)
                .message(8, new Message().string(1, "").varint(2, opset))
                .bytes();
    }

    /** Cast's {@code to}: float. */
    private static Message toFloat() {
        return new Message().string(1, "to").varint(20, 2).varint(3, 1);
    }

    /** A reduction's {@code axes}: the token axis. */
    private static Message overTokens() {
        return new Message().string(1, "axes").varint(20, 7).varint(8, 1);
    }

    private static Message keepDims() {
        return new Message().string(1, "keepdims").varint(20, 2).varint(3, 1);
    }

    private static Message node(String op, String inputs, String output, Message... attributes) {
        Message node = new Message();
        for (String input : inputs.split(",")) {
            node.string(1, input);
        }
        node.string(2, output).string(3, op + "_" + output).string(4, op);
        for (Message attribute : attributes) {
            node.message(5, attribute);
        }
        return node;
    }

    private static Message tensor(String name, long[] dims, float[] values) {
        Message tensor = new Message();
        for (long dim : dims) {
            tensor.varint(1, dim);
        }
        tensor.varint(2, 1);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        for (float value : values) {
            int bits = Float.floatToIntBits(value);
            for (int k = 0; k < 4; k++) {
                packed.write(bits >>> (8 * k));
            }
        }
        return tensor.raw(4, packed.toByteArray()).string(8, name);
    }

    /** A [batch, tokens] input or a [batch, width] output of an element type (1 float, 7 int64), with named dynamic axes. */
    private static Message valueInfo(String name, int elementType, String batchAxis, String tokenAxis, Long width) {
        Message shape = new Message().message(1, new Message().string(2, batchAxis));
        shape.message(1, width == null ? new Message().string(2, tokenAxis) : new Message().varint(1, width));
        Message tensorType = new Message().varint(1, elementType).message(2, shape);
        return new Message().string(1, name).message(2, new Message().message(1, tensorType));
    }

    /** Protobuf wire format: varints and length-delimited fields, which is all an ONNX graph needs here. */
    private static final class Message {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Message string(int field, String value) {
            return raw(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message value) {
            return raw(field, value.bytes());
        }

        Message raw(int field, byte[] value) {
            writeVarint(((long) field << 3) | 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
