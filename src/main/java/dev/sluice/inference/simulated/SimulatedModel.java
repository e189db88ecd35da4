package dev.sluice.inference.simulated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import dev.sluice.inference.SentimentModel;
import dev.sluice.record.Sentiment;

/**
 * A stand-in for a remote or GPU model: every batch takes a fixed time whatever its size, texts
 * holding the fail marker make the batch throw, texts holding the hang marker block it. Scores are
 * a cheap deterministic function of the text so that results stay checkable.
 */
public final class SimulatedModel implements SentimentModel {

    /** Long enough to outlast any sensible batch timeout; interrupting the worker ends it early. */
    static final Duration HANG = Duration.ofMinutes(10);

    private final Duration latency;
    private final Duration latencyJitter;
    // Fixed at start-up: nothing can turn a fault on in a running service.
    private final Optional<String> failMarker;
    private final Optional<String> hangMarker;
    private final double neutralBand;

    public SimulatedModel(Duration latency, Duration latencyJitter, Optional<String> failMarker, Optional<String> hangMarker,
            double neutralBand) {
        this.latency = latency;
        this.latencyJitter = latencyJitter;
        this.neutralBand = neutralBand;
        this.failMarker = failMarker.filter(m -> !m.isEmpty());
        this.hangMarker = hangMarker.filter(m -> !m.isEmpty());
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public List<Sentiment> predict(List<String> texts) {
        Optional<String> fail = failMarker;
        Optional<String> hang = hangMarker;
        for (String text : texts) {
            if (fail.isPresent() && text.contains(fail.get())) {
                throw new SimulatedModelFailure("simulated failure: text contains '" + fail.get() + "'");
            }
        }
        for (String text : texts) {
            if (hang.isPresent() && text.contains(hang.get())) {
                park(HANG);
            }
        }
        long jitterNanos = latencyJitter.toNanos();
        park(jitterNanos > 0 ? latency.plusNanos(ThreadLocalRandom.current().nextLong(jitterNanos + 1)) : latency);
        List<Sentiment> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            // Spread hash codes over [-1, 1]: deterministic, label mix roughly even.
            double score = (text.hashCode() % 1000) / 1000.0;
            out.add(Sentiment.of(score, neutralBand));
        }
        return out;
    }

    @Override
    public void warmUp() {
        // Nothing to warm: predicting would only sleep.
    }

    private static void park(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** What the simulated model throws for the fail marker. */
    public static final class SimulatedModelFailure extends RuntimeException {

        public SimulatedModelFailure(String message) {
            super(message);
        }
    }
}
