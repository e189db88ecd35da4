package dev.sluice.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * What the tests set on the application besides the broker's address: test credentials, the
 * management port the tests call, a fast lag refresh, quiet broker logs. The broker resources pass
 * them as configuration, so the packaged jar or native executable under
 * {@code @QuarkusIntegrationTest} runs with the {@code prod} profile it was built with (no
 * build/run profile mismatch) and gets the same settings {@code @QuarkusTest} does.
 */
public final class PackagedAppSettings {

    private PackagedAppSettings() {
    }

    /** The settings plus the broker's address. */
    public static Map<String, String> with(String bootstrapServers) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrapServers);
        settings.put("quarkus.security.users.embedded.users.operator", Http.OPERATOR_PASSWORD);
        settings.put("quarkus.security.users.embedded.users.reader", "test-reader");
        settings.put("quarkus.security.users.embedded.users.scorer", Http.SCORER_PASSWORD);
        settings.put("quarkus.security.users.embedded.roles.reader", "sluice-reader");
        settings.put("quarkus.management.port", "9001");
        settings.put("sluice.health.lag-refresh", "500ms");
        settings.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        return Map.copyOf(settings);
    }
}
