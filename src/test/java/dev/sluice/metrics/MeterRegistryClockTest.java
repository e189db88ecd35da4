package dev.sluice.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sluice.testing.KafkaBrokerResource;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class MeterRegistryClockTest {

    @Inject
    SluiceMetrics metrics;

    @Test
    void theRegistryBehindSluicesMetersReadsTheCachedWallClock() {
        assertThat(metrics.registry().config().clock()).isInstanceOf(CachedWallClock.class);
    }
}
