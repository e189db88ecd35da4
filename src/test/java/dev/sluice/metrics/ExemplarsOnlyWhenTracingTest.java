package dev.sluice.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExemplarsOnlyWhenTracingTest {

    @Test
    void aDisabledTracingSdkGivesTheRegistryNoExemplarSampler() {
        assertThat(ExemplarsOnlyWhenTracing.choose(true)).isEmpty();
    }

    @Test
    void anEnabledTracingSdkKeepsQuarkussOpenTelemetrySampler() {
        assertThat(ExemplarsOnlyWhenTracing.choose(false)).get().isInstanceOf(io.prometheus.client.exemplars.DefaultExemplarSampler.class);
    }
}
