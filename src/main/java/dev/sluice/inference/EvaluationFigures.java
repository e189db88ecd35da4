package dev.sluice.inference;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** A model's evaluation figures, written by its trainer as a properties resource and served by {@code GET /api/model}. */
public final class EvaluationFigures {

    /** The figure holding the neutral bias a trainer chose by leave-one-domain-out (docs/MODEL.md). */
    public static final String NEUTRAL_BIAS = "decision.neutral-bias";

    private EvaluationFigures() {
    }

    /** The calibrated neutral bias among a model's figures; 0 (no shift) for a model without one. */
    public static double neutralBias(Map<String, Object> figures) {
        Object value = figures.get(NEUTRAL_BIAS);
        return value == null ? 0 : Double.parseDouble(value.toString());
    }

    /** The figures in a class-path properties file, sorted by name; empty when there is none. */
    public static Map<String, Object> read(String resource) {
        Properties figures = new Properties();
        try (InputStream in = EvaluationFigures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Map.of();
            }
            figures.load(in);
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, Object> out = new TreeMap<>();
        figures.forEach((key, value) -> out.put(key.toString(), value.toString()));
        return out;
    }
}
