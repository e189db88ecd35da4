package dev.sluice.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void withoutJitterEachAttemptWaitsTwiceAsLongUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0, () -> 0.5);
        assertThat(backoff.delayMillis(1)).isEqualTo(100);
        assertThat(backoff.delayMillis(2)).isEqualTo(200);
        assertThat(backoff.delayMillis(3)).isEqualTo(400);
        assertThat(backoff.delayMillis(4)).isEqualTo(800);
        assertThat(backoff.delayMillis(5)).isEqualTo(1000);
        assertThat(backoff.delayMillis(60)).isEqualTo(1000);
    }

    @Test
    void jitterDrawsWithinTheJitteredFractionBelowTheCeiling() {
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 0.5, () -> 0.0).delayMillis(3)).isEqualTo(200);
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 0.5, () -> 1.0).delayMillis(3)).isEqualTo(400);
    }

    @Test
    void realRandomDelaysStayWithinBoundsAndSpreadOut() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 0.5);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long delay = backoff.delayMillis(2);
            assertThat(delay).isBetween(100L, 200L);
            seen.add(delay);
        }
        assertThat(seen.size()).isGreaterThan(20);
    }

    @Test
    void jitterOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 1.5)).hasMessageContaining("jitter");
    }
}
