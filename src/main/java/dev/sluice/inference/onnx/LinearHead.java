package dev.sluice.inference.onnx;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A linear layer over sentence embeddings: {@code logits = W x + b}, one row of W per class. Read
 * from a JSON file {@code {"weights": [[...], ...], "bias": [...]}}.
 */
public record LinearHead(float[][] weights, float[] bias) {

    public int classes() {
        return bias.length;
    }

    public int dimension() {
        return weights[0].length;
    }

    /** Logits of one embedding, {@code dimension()} floats from {@code offset}. */
    public void logits(float[] embedding, int offset, double[] out) {
        for (int c = 0; c < bias.length; c++) {
            float[] row = weights[c];
            double z = bias[c];
            for (int i = 0; i < row.length; i++) {
                z += row[i] * embedding[offset + i];
            }
            out[c] = z;
        }
    }

    public static LinearHead read(ModelFiles files, String file, int classes) {
        String where = files.describe(file);
        JsonNode root = files.json(file);
        JsonNode weights = root == null ? null : root.get("weights");
        JsonNode bias = root == null ? null : root.get("bias");
        if (weights == null || !weights.isArray() || bias == null || !bias.isArray()) {
            throw new InvalidModelException(where + ": must hold \"weights\" (one array per label) and \"bias\" (one number per label)");
        }
        if (weights.size() != classes || bias.size() != classes) {
            throw new InvalidModelException(where + ": has " + weights.size() + " weight rows and " + bias.size()
                    + " biases, but sluice-model.json lists " + classes + " labels");
        }
        float[][] w = new float[classes][];
        float[] b = new float[classes];
        for (int c = 0; c < classes; c++) {
            JsonNode row = weights.get(c);
            if (!row.isArray() || row.isEmpty() || (c > 0 && row.size() != w[0].length)) {
                throw new InvalidModelException(where + ": weight rows must be non-empty arrays of one length");
            }
            w[c] = new float[row.size()];
            for (int i = 0; i < row.size(); i++) {
                w[c][i] = (float) row.get(i).asDouble();
            }
            b[c] = (float) bias.get(c).asDouble();
        }
        return new LinearHead(w, b);
    }
}
