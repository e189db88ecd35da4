package dev.sluice.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CachedWallClockTest {

    @Test
    void theWallTimeAdvancesWithTheSystemClockAndNeverRunsAheadOfIt() {
        CachedWallClock clock = new CachedWallClock();
        try {
            long later = System.currentTimeMillis() + 50;
            await().atMost(Duration.ofSeconds(5)).until(() -> clock.wallTime() >= later);
            assertThat(clock.wallTime()).isLessThanOrEqualTo(System.currentTimeMillis());
        } finally {
            clock.stop();
        }
    }

    @Test
    void theMonotonicTimeIsReadExactlyNotFromTheCache() {
        CachedWallClock clock = new CachedWallClock();
        try {
            long before = System.nanoTime();
            long read = clock.monotonicTime();
            assertThat(read).isBetween(before, System.nanoTime());
        } finally {
            clock.stop();
        }
    }

    @Test
    void stoppingTheClockStopsItsThread() {
        CachedWallClock clock = new CachedWallClock();
        assertThat(clock.ticking()).isTrue();
        clock.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> !clock.ticking());
    }
}
