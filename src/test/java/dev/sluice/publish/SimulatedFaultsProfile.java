package dev.sluice.publish;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The simulated model with fail and hang markers, short timeouts and backoffs. */
public class SimulatedFaultsProfile implements QuarkusTestProfile {

    public static final String FAIL = "POISON-PILL";
    public static final String HANG = "HANG-FOREVER";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("sluice.model.kind", "simulated"),
                Map.entry("sluice.model.simulated.fail-when-contains", FAIL),
                Map.entry("sluice.model.simulated.hang-when-contains", HANG),
                Map.entry("sluice.batch.timeout", "500ms"),
                Map.entry("sluice.batch.max-size", "64"),
                Map.entry("sluice.batch.linger", "50ms"),
                Map.entry("sluice.retry.max-attempts", "3"),
                Map.entry("sluice.retry.in-process-attempts", "2"),
                Map.entry("sluice.retry.initial-backoff", "20ms"),
                Map.entry("sluice.retry.max-backoff", "200ms"),
                Map.entry("sluice.dlq.max-replays", "2"));
    }
}
