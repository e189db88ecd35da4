package dev.sluice.config;

/** The sentiment models sluice ships. */
public enum ModelKind {
    /** Logistic regression over hashed n-grams plus lexicon features. */
    HYBRID,
    /** VADER's rule-based lexicon scorer. */
    LEXICON,
    /** A transformer exported to ONNX, run on ONNX Runtime: the bundled bge-small classifier or the user's model. */
    ONNX,
    /** A stand-in with configurable latency and failure markers, for benchmarks and fault tests. */
    SIMULATED
}
