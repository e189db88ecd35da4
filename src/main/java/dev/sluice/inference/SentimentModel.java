package dev.sluice.inference;

import java.util.List;

import dev.sluice.record.Sentiment;

/**
 * A sentiment model that scores a whole micro-batch in one call. Implementations must return one
 * {@link Sentiment} per text, in the same order, and must not throw for any text content (empty,
 * huge, emoji-only, broken surrogates): a throw means the model itself failed.
 */
public interface SentimentModel {

    String name();

    String version();

    /** {@code name@version}, as written into every result. */
    default String id() {
        return name() + "@" + version();
    }

    /** Whether {@link #predict} may be called from several worker threads at once. */
    boolean threadSafe();

    List<Sentiment> predict(List<String> texts);

    /** How the model scored in its evaluation (data set to accuracy, and where the figures come from); empty when not evaluated. */
    default java.util.Map<String, Object> evaluation() {
        return java.util.Map.of();
    }

    /** Runs a few predictions so that the first real batch does not pay for class loading and JIT. */
    default void warmUp() {
        for (int i = 0; i < 200; i++) {
            predict(List.of("warm-up: a good start", "not bad at all!", ""));
        }
    }
}
