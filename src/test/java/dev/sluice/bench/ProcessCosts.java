package dev.sluice.bench;

/** What a measured consumer has spent so far: CPU seconds and bytes allocated (NaN when unknown). */
interface ProcessCosts {

    double cpuSeconds();

    double allocatedBytes();

    /** CPU seconds the JIT compiler threads have used so far (part of {@link #cpuSeconds()}); NaN when unknown. */
    default double compilerCpuSeconds() {
        return Double.NaN;
    }

    /** CPU seconds so far by thread name (numbered threads of one pool under one name); empty when unknown. */
    default java.util.Map<String, Double> cpuSecondsByThread() {
        return java.util.Map.of();
    }
}
