package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;

import dev.sluice.testing.SluiceConfigs;

/**
 * application.properties shows every {@code sluice.*} knob with its default: what it shows must be
 * what the mapping's {@code @WithDefault} gives, or a user reading the file is told a wrong default.
 */
class ConfigDefaultsTest {

    private static final SmallRyeConfig DEFAULTS = SluiceConfigs.config(Map.of());

    @Test
    void everySluicePropertyInApplicationPropertiesIsAKnobOfTheMapping() throws IOException {
        Map<String, String> shown = shownKnobs();
        assertThat(shown).hasSizeGreaterThan(40);
        // The mapping refuses a sluice.* property it does not know, as Quarkus does at start.
        assertThatCode(() -> SluiceConfigs.config(shown)).doesNotThrowAnyException();
    }

    @Test
    void aPropertyTheMappingDoesNotKnowIsRefused() {
        assertThatThrownBy(() -> SluiceConfigs.config(Map.of("sluice.max-in-flite", "5"))).hasMessageContaining("sluice.max-in-flite");
    }

    @Test
    void theValueApplicationPropertiesShowsIsTheMappingsDefault() throws IOException {
        Map<String, String> mismatched = new TreeMap<>();
        shownKnobs().forEach((name, shown) -> {
            ConfigValue byDefault = DEFAULTS.getConfigValue(name);
            String value = byDefault.getValue() == null ? "" : byDefault.getValue();
            if (!value.equals(shown)) {
                mismatched.put(name, "application.properties says '" + shown + "', the mapping's default is '" + value + "'");
            }
        });
        assertThat(mismatched).isEmpty();
    }

    @Test
    void everyDefaultOfTheMappingIsShownInApplicationProperties() throws IOException {
        Map<String, String> shown = shownKnobs();
        for (String name : DEFAULTS.getPropertyNames()) {
            if (name.startsWith("sluice.") && DEFAULTS.getConfigValue(name).getValue() != null) {
                assertThat(shown).as("application.properties does not show %s", name).containsKey(name);
            }
        }
    }

    /** The unprofiled {@code sluice.*} properties of application.properties, as written. */
    private static Map<String, String> shownKnobs() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ConfigDefaultsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Map<String, String> knobs = new TreeMap<>();
        properties.stringPropertyNames().stream().filter(name -> name.startsWith("sluice.")).forEach(name -> knobs.put(name,
                properties.getProperty(name).trim()));
        return knobs;
    }
}
