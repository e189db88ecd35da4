package dev.sluice.ops;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.sluice.testing.KafkaBrokerResource;

/**
 * Every endpoint of {@link EndpointsIT} again, with {@code sluice.model.kind=onnx}: the packaged
 * jar in {@code ./mvnw verify}, the native executable with {@code -Dnative}, so that a transformer
 * deployment answers health, metrics and every {@code /api} call as the default model does.
 */
@QuarkusIntegrationTest
@TestProfile(OnnxEndpointsIT.WithTheBundledTransformer.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class OnnxEndpointsIT extends EndpointsIT {

    public static final class WithTheBundledTransformer implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.model.kind", "onnx");
        }
    }
}
