package dev.sluice.inference.hybrid;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import dev.sluice.support.Checksums;

/**
 * The hybrid model's weights, one row of {@link HybridFeatures#DIMENSION} per class (negative,
 * positive, neutral), and their serialized form: gzip of a magic, the class count, the dimension
 * and the float weights row after row, big-endian. Serializing the same weights always gives the same bytes (Java's
 * gzip writes no time stamp), so a SHA-256 of the file identifies a training run.
 */
public final class HybridWeights {

    public static final String RESOURCE = "sluice/model/hybrid-weights.bin.gz";
    public static final String CHECKSUM_RESOURCE = "sluice/model/hybrid-weights.sha256";
    private static final String MAGIC = "sluice-hybrid-softmax/2";
    public static final int CLASSES = 3;

    /**
     * Kept feature by feature, the classes' weights side by side ({@code [CLASSES * feature + class]}):
     * a text's features are scattered over the 3 MB table, and this way one cache line holds a
     * feature's weights for every class, where a row per class cost a miss per class.
     */
    private final float[] byFeature;
    private String checksum;

    /** Weights one row of {@link HybridFeatures#DIMENSION} per class, as trained and serialized. */
    public HybridWeights(float[] rows) {
        if (rows.length != CLASSES * HybridFeatures.DIMENSION) {
            throw new IllegalArgumentException("expected " + CLASSES + " x " + HybridFeatures.DIMENSION + " weights, got " + rows.length);
        }
        this.byFeature = transpose(rows, CLASSES, HybridFeatures.DIMENSION);
    }

    /** The weights as rows, one per class (a copy). */
    public float[] weights() {
        return transpose(byFeature, HybridFeatures.DIMENSION, CLASSES);
    }

    /** The weights feature by feature, classes side by side; shared, not to be written. */
    float[] byFeature() {
        return byFeature;
    }

    /** A {@code rows x columns} matrix, row after row, as {@code columns x rows}. */
    private static float[] transpose(float[] matrix, int rows, int columns) {
        float[] transposed = new float[matrix.length];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                transposed[column * rows + row] = matrix[row * columns + column];
            }
        }
        return transposed;
    }

    /** SHA-256 of the serialized form: the one load() verified, or computed once for trained weights. */
    public synchronized String checksum() {
        if (checksum == null) {
            checksum = sha256(serialize());
        }
        return checksum;
    }

    public byte[] serialize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeUTF(MAGIC);
            out.writeInt(CLASSES);
            out.writeInt(HybridFeatures.DIMENSION);
            for (float weight : weights()) {
                out.writeFloat(weight);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static HybridWeights deserialize(byte[] data) {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(data)))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IllegalStateException("not a sluice hybrid weights file: " + magic);
            }
            float[] weights = new float[in.readInt() * in.readInt()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = in.readFloat();
            }
            return new HybridWeights(weights);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt hybrid weights", e);
        }
    }

    /** Loads the weights resource and checks it against its recorded checksum. */
    public static HybridWeights load() {
        byte[] data = resource(RESOURCE);
        String expected = new String(resource(CHECKSUM_RESOURCE), StandardCharsets.US_ASCII).trim();
        String actual = sha256(data);
        if (!actual.equals(expected)) {
            throw new IllegalStateException(RESOURCE + " has SHA-256 " + actual + " but " + CHECKSUM_RESOURCE + " says " + expected);
        }
        HybridWeights weights = deserialize(data);
        weights.checksum = actual;
        return weights;
    }

    public static String sha256(byte[] data) {
        return Checksums.sha256(data);
    }

    static byte[] resource(String name) {
        try (InputStream in = HybridWeights.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
