package dev.sluice.devbroker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {

    @Test
    void theFreePortsAskedForTogetherAreDistinct() throws IOException {
        int[] ports = EmbeddedKafkaBroker.freePorts(50);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(50);
        assertThat(Arrays.stream(ports).min().getAsInt()).isPositive();
    }
}
