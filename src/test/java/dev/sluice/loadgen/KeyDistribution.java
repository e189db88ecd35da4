package dev.sluice.loadgen;

import java.util.Random;

/** How request keys are drawn from {@code keyCount} keys. */
public enum KeyDistribution {

    /** Every key equally often. */
    UNIFORM,
    /** Zipf with exponent 1: a few keys carry most of the records. */
    ZIPF,
    /** Half of the records on key 0, the rest uniform. */
    HOT;

    public int next(Random random, int keyCount) {
        return switch (this) {
            case UNIFORM -> random.nextInt(keyCount);
            case HOT -> random.nextBoolean() ? 0 : random.nextInt(keyCount);
            case ZIPF -> zipf(random, keyCount);
        };
    }

    private static int zipf(Random random, int n) {
        double harmonic = 0;
        for (int i = 1; i <= Math.min(n, 10_000); i++) {
            harmonic += 1.0 / i;
        }
        double target = random.nextDouble() * harmonic;
        double sum = 0;
        for (int i = 1; i <= Math.min(n, 10_000); i++) {
            sum += 1.0 / i;
            if (sum >= target) {
                return i - 1;
            }
        }
        return n - 1;
    }
}
