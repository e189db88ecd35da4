package dev.sluice.devbroker;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies {@code kafka.bootstrap.servers} once {@link DevBrokerLauncher} has started the embedded
 * broker, and nothing before or otherwise. Its ordinal is below every user-facing source, so a
 * configured broker always wins. The address lives in a system property because dev mode's live
 * reload replaces the application class loader while the broker keeps running.
 */
public final class EmbeddedBrokerConfigSource implements ConfigSource {

    static final String ADDRESS_PROPERTY = "sluice.dev.embedded-broker.address";
    private static final String KEY = "kafka.bootstrap.servers";

    @Override
    public Map<String, String> getProperties() {
        String address = System.getProperty(ADDRESS_PROPERTY);
        return address == null ? Map.of() : Map.of(KEY, address);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? System.getProperty(ADDRESS_PROPERTY) : null;
    }

    @Override
    public String getName() {
        return "sluice-embedded-broker";
    }

    @Override
    public int getOrdinal() {
        return 50; // Below application.properties (250), environment (300) and system properties (400).
    }
}
