package dev.sluice.bench;

import java.lang.management.ManagementFactory;

/**
 * The costs of the threads of this JVM whose names contain a marker (the bare loop and its Kafka
 * clients' own threads), from the JVM's per-thread CPU and allocation counters, so that the bare
 * loop's cost per record can be set beside sluice's. A thread that ends inside the window takes
 * its counts with it: the figures are a floor.
 */
final class ThreadCosts implements ProcessCosts {

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final String marker;

    ThreadCosts(String marker) {
        this.marker = marker;
    }

    @Override
    public double cpuSeconds() {
        return sum(THREADS::getThreadCpuTime) / 1e9;
    }

    @Override
    public double allocatedBytes() {
        return sum(THREADS::getThreadAllocatedBytes);
    }

    /** The counter summed over the marked threads alive now (a counter the JVM cannot read counts 0). */
    private long sum(java.util.function.LongUnaryOperator counterOfThread) {
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().contains(marker)) {
                total += Math.max(0, counterOfThread.applyAsLong(thread.getId()));
            }
        }
        return total;
    }
}
