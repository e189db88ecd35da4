package dev.sluice.lifecycle;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The simulated model with random per-batch latency and 256 batches in flight. */
public class HighConcurrencyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sluice.model.kind", "simulated",
                "sluice.model.simulated.latency", "1ms",
                "sluice.model.simulated.latency-jitter", "15ms",
                "sluice.concurrency", "256",
                "sluice.batch.max-size", "16",
                "sluice.batch.linger", "2ms",
                "sluice.max-in-flight", "60000");
    }
}
