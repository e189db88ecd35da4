package dev.sluice.testing;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.sluice.config.SluiceConfig;

/** The {@code sluice.*} mapping built without Quarkus, for broker-free unit tests: its defaults plus the given properties. */
public final class SluiceConfigs {

    private SluiceConfigs() {
    }

    public static SluiceConfig defaults() {
        return with(Map.of());
    }

    public static SluiceConfig with(Map<String, String> properties) {
        return config(properties).getConfigMapping(SluiceConfig.class);
    }

    /** The whole configuration: the mapping's defaults under the given properties (Quarkus's duration syntax, as at run time). */
    public static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(SluiceConfig.class).withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }
}
