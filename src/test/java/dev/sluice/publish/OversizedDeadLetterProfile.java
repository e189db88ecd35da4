package dev.sluice.publish;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A dead-letter topic that takes at most 4 KiB per record, and requests over 1 KiB too large. */
public class OversizedDeadLetterProfile implements QuarkusTestProfile {

    public static final String SMALL_DLQ = "sluice.dlq-small";
    public static final int DLQ_MAX_MESSAGE_BYTES = 4096;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sluice.topics.dlq", SMALL_DLQ, "sluice.max-request-bytes", "1024");
    }
}
