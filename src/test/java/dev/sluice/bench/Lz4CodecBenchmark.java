package dev.sluice.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.LongSupplier;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * lz4-java's pure-Java codec against its JNI one, in one JVM, alternating 1 s each: compressing a
 * producer block of results and decompressing a block of requests, the two things sluice's Kafka
 * clients do with lz4. Prints MB/s of uncompressed bytes per codec and the JNI / Java ratio per pair.
 * <p>
 * {@code ./mvnw -B package -DskipTests -Pbench -Dbench.class=dev.sluice.bench.Lz4CodecBenchmark -Dbench.args="64 10"}
 * (arguments: records per block, pairs).
 */
public final class Lz4CodecBenchmark {

    private Lz4CodecBenchmark() {
    }

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Random random = new Random(1);
        ByteArrayOutputStream results = new ByteArrayOutputStream();
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 0; i < records; i++) {
            results.writeBytes(("{\"id\":\"req-" + (1_000_000 + i) + "\",\"label\":\"" + (i % 3 == 0 ? "negative" : "positive")
                    + "\",\"score\":0." + random.nextInt(1_000_000) + ",\"model\":\"hybrid-softmax/2+3f5a9c0d1e\",\"source\":\"source-"
                    + (i % 1000) + "\",\"metadata\":null,\"partition\":" + (i % 12) + ",\"offset\":" + (100_000 + i)
                    + ",\"requestTimestamp\":" + (1_764_720_000_000L + i) + ",\"processedAt\":" + (1_764_720_000_100L + i) + "}")
                    .getBytes(StandardCharsets.UTF_8));
            requests.writeBytes(ThroughputBenchmark.request(i, random));
        }
        byte[] result = results.toByteArray();
        byte[] request = requests.toByteArray();
        System.out.printf("blocks of %d records: results %,d bytes, requests %,d bytes%n", records, result.length, request.length);
        Codec java = new Codec(LZ4Factory.safeInstance(), result, request);
        Codec jni = new Codec(LZ4Factory.nativeInstance(), result, request);
        for (int pair = 0; pair < pairs; pair++) {
            double javaCompress = megabytesPerSecond(java::compress);
            double jniCompress = megabytesPerSecond(jni::compress);
            double javaDecompress = megabytesPerSecond(java::decompress);
            double jniDecompress = megabytesPerSecond(jni::decompress);
            System.out.printf(
                    "compress results: Java %,.0f MB/s, JNI %,.0f MB/s (%.2f x); decompress requests: Java %,.0f MB/s, JNI %,.0f MB/s (%.2f x)%n",
                    javaCompress, jniCompress, jniCompress / javaCompress, javaDecompress, jniDecompress, jniDecompress / javaDecompress);
        }
    }

    /** Uncompressed megabytes per second over one second of calls, each returning the bytes it handled. */
    private static double megabytesPerSecond(LongSupplier call) {
        long start = System.nanoTime();
        long bytes = 0;
        while (System.nanoTime() - start < 1_000_000_000L) {
            bytes += call.getAsLong();
        }
        return bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
    }

    /** One codec with its buffers: the result block to compress, the request block compressed once to decompress. */
    private static final class Codec {

        private final LZ4Compressor compressor;
        private final LZ4SafeDecompressor decompressor;
        private final byte[] result;
        private final byte[] compressedRequest;
        private final int requestLength;
        private final byte[] out;

        Codec(LZ4Factory factory, byte[] result, byte[] request) {
            this.compressor = factory.fastCompressor();
            this.decompressor = factory.safeDecompressor();
            this.result = result;
            this.requestLength = request.length;
            this.compressedRequest = compressor.compress(request);
            this.out = new byte[Math.max(compressor.maxCompressedLength(result.length), request.length)];
        }

        long compress() {
            compressor.compress(result, 0, result.length, out, 0, out.length);
            return result.length;
        }

        long decompress() {
            return decompressor.decompress(compressedRequest, 0, compressedRequest.length, out, 0, requestLength);
        }
    }
}
