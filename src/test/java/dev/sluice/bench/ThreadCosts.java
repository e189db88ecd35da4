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
        long nanos = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().contains(marker)) {
                nanos += Math.max(0, THREADS.getThreadCpuTime(thread.getId()));
            }
        }
        return nanos / 1e9;
    }

    @Override
    public double allocatedBytes() {
        long bytes = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().contains(marker)) {
                bytes += Math.max(0, THREADS.getThreadAllocatedBytes(thread.getId()));
            }
        }
        return bytes;
    }
}
