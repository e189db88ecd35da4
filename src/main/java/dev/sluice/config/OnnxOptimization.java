package dev.sluice.config;

/** ONNX Runtime's graph optimization levels, as {@code sluice.model.onnx.optimization-level} spells them. */
public enum OnnxOptimization {
    NONE, BASIC, EXTENDED, ALL
}
