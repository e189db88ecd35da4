package dev.sluice.metrics;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Clock;

import dev.sluice.support.DaemonThreads;

/**
 * The meter registry's clock (it replaces Quarkus's default {@code Clock.SYSTEM} bean): monotonic
 * time read as usual, wall time read from a field that one daemon thread refreshes every
 * {@value #REFRESH_MILLIS} ms. Micrometer reads the wall clock twice per timer record, for its
 * max's and its histogram's window rotations: ten reads per result for sluice's five per-result
 * timers, about half of those timers' cost here (docs/BENCHMARKS.md). The windows rotate
 * every 40 seconds or more, so a wall time 10 ms old changes nothing a scrape shows; durations are
 * measured on the monotonic clock, which stays exact.
 */
@Singleton
public class CachedWallClock implements Clock {

    static final long REFRESH_MILLIS = 10;

    private final ScheduledExecutorService ticker = DaemonThreads.timer("sluice-wall-clock");
    private volatile long wallTime = System.currentTimeMillis();

    public CachedWallClock() {
        ticker.scheduleAtFixedRate(() -> wallTime = System.currentTimeMillis(), REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public long wallTime() {
        return wallTime;
    }

    @Override
    public long monotonicTime() {
        return System.nanoTime();
    }

    /** Whether the refreshing thread still runs (it stops with the application). */
    boolean ticking() {
        return !ticker.isTerminated();
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}
