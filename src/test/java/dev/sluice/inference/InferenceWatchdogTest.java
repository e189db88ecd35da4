package dev.sluice.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class InferenceWatchdogTest {

    @Test
    void aCallThatReturnsInTimeIsReportedByItsWorkerAndNeverTimesOut() {
        try (InferenceWatchdog watchdog = new InferenceWatchdog(Duration.ofSeconds(5))) {
            AtomicBoolean timedOut = new AtomicBoolean();
            InferenceWatchdog.Call call = watchdog.start(4, e -> timedOut.set(true));
            assertThat(watchdog.finish(call)).isTrue();
            assertThat(timedOut).isFalse();
            assertThat(watchdog.stuckCalls()).isZero();
        }
    }

    @Test
    void aCallThatIgnoresTheInterruptIsTimedOutCountedStuckUntilItReturnsAndLeftToItsWorkerToDrop() throws Exception {
        try (InferenceWatchdog watchdog = new InferenceWatchdog(Duration.ofMillis(100))) {
            AtomicReference<TimeoutException> timeout = new AtomicReference<>();
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean reportedByWorker = new AtomicBoolean(true);
            Thread worker = new Thread(() -> {
                InferenceWatchdog.Call call = watchdog.start(8, timeout::set);
                while (release.getCount() > 0) {
                    Thread.onSpinWait(); // A model call that never looks at its interrupt flag.
                }
                reportedByWorker.set(watchdog.finish(call));
            });
            worker.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> timeout.get() != null);
            assertThat(timeout.get()).hasMessageContaining("batch of 8");
            assertThat(watchdog.stuckCalls()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> watchdog.oldestStuck().compareTo(Duration.ofMillis(300)) >= 0);
            release.countDown();
            worker.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(reportedByWorker).as("the watchdog reported it already").isFalse();
            assertThat(watchdog.stuckCalls()).isZero();
            assertThat(watchdog.oldestStuck()).isEqualTo(Duration.ZERO);
        }
    }
}
