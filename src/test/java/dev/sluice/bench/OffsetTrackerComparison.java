package dev.sluice.bench;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Two builds' {@code ContiguousOffsetTracker} in one JVM, timed in alternation (1 s each): the
 * partition's life as the producer's acknowledgements see it. Offsets are registered in order,
 * marked done a little out of order (acknowledgements of neighbouring batches interleave), and
 * committed every {@code window} offsets, so that about {@code window} entries are tracked.
 * Prints ns per registered-and-ended offset for each build and the ratio per pair.
 * <p>
 * {@code ./mvnw -B -q test-compile exec:exec@bench -Pbench -Dbench.class=dev.sluice.bench.OffsetTrackerComparison
 * -Dbench.args="OLD NEW [window] [pairs]"}, OLD and NEW each a {@code target/classes} directory or a
 * {@code quarkus-app/app/*.jar}.
 */
public final class OffsetTrackerComparison {

    private static final long ITERATION_NANOS = 1_000_000_000L;

    private OffsetTrackerComparison() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> older = tracker(Path.of(args[0]));
        Class<?> newer = tracker(Path.of(args[1]));
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int pairs = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int[] order = ackOrder(window);
        AlternatingPairs.Result nanos = AlternatingPairs.run(pairs, () -> nanosPerOffset(older, order), () -> nanosPerOffset(newer, order));
        System.out.printf("window %,d offsets; %d pairs of 1 s%n", window, pairs);
        System.out.printf("older: median %.1f ns per offset (%s)%n", nanos.firstMedian(), args[0]);
        System.out.printf("newer: median %.1f ns per offset (%s)%n", nanos.secondMedian(), args[1]);
        System.out.printf("newer / older, per pair: %s%n", nanos.ratioSummary(2));
    }

    private static Class<?> tracker(Path build) throws Exception {
        return BuildClassLoader.of(build).loadClass("dev.sluice.lifecycle.ContiguousOffsetTracker");
    }

    /** A window's acknowledgement order: in order, each offset displaced by up to 64 places. */
    private static int[] ackOrder(int window) {
        Random random = new Random(1);
        double[] keys = new double[window];
        Integer[] order = new Integer[window];
        for (int i = 0; i < window; i++) {
            keys[i] = i + random.nextDouble() * 64;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(keys[a], keys[b]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** One fresh tracker per iteration, windows of offsets registered, ended and committed until the second is up. */
    private static double nanosPerOffset(Class<?> trackerClass, int[] order) throws Exception {
        Object tracker = trackerClass.getConstructor().newInstance();
        Method register = trackerClass.getMethod("register", long.class);
        Method markDone = trackerClass.getMethod("markDone", long.class);
        Method committable = trackerClass.getMethod("committable");
        Method committed = trackerClass.getMethod("committed", long.class);
        long base = 0;
        long offsets = 0;
        long start = System.nanoTime();
        long end = start + ITERATION_NANOS;
        while (System.nanoTime() < end) {
            for (int i = 0; i < order.length; i++) {
                register.invoke(tracker, base + i);
            }
            for (int i = 0; i < order.length; i++) {
                markDone.invoke(tracker, base + order[i]);
            }
            committed.invoke(tracker, committable.invoke(tracker));
            base += order.length;
            offsets += order.length;
        }
        return (System.nanoTime() - start) / (double) offsets;
    }
}
