package dev.sluice.bench;

/** What a measured consumer has spent so far: CPU seconds and bytes allocated (NaN when unknown). */
interface ProcessCosts {

    double cpuSeconds();

    double allocatedBytes();
}
