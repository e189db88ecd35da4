package dev.sluice.it;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.sluice.testing.KafkaBrokerResource;

/** {@link RecordFuzzIT} in exactly-once mode, read as a {@code read_committed} consumer reads it. */
@QuarkusIntegrationTest
@TestProfile(ExactlyOnceRecordFuzzIT.ExactlyOnce.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class ExactlyOnceRecordFuzzIT extends RecordFuzzIT {

    public static final class ExactlyOnce implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.delivery", "exactly-once", "sluice.exactly-once.transactional-id", "fuzz");
        }
    }

    @Override
    boolean readCommitted() {
        return true;
    }
}
