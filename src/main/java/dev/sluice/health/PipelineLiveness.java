package dev.sluice.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import dev.sluice.config.SluiceConfig;
import dev.sluice.inference.BatchInference;
import dev.sluice.lifecycle.RecordLifecycle;
import dev.sluice.publish.PublishHealth;

/**
 * Live unless wedged: records are waiting to end and none has ended for
 * {@code sluice.health.wedged-after} while sluice could publish, or a model call has stayed stuck
 * past its timeout that long (only a restart frees its worker). Idle with nothing to do is live. A
 * broker outage is not a liveness failure (a restart would not fix it): readiness reports that.
 */
@Liveness
@ApplicationScoped
public class PipelineLiveness implements HealthCheck {

    @Inject
    RecordLifecycle lifecycle;

    @Inject
    BatchInference inference;

    @Inject
    PublishHealth publishing;

    @Inject
    SluiceConfig config;

    @Override
    public HealthCheckResponse call() {
        int pending = lifecycle.pending();
        Duration wedgedAfter = config.health().wedgedAfter();
        Duration sinceLastEnded = Duration.ofNanos(System.nanoTime() - lifecycle.lastEndedNanos());
        boolean idleWithWork = pending > 0 && !publishing.failing() && sinceLastEnded.compareTo(wedgedAfter) >= 0;
        Duration stuck = inference.watchdog().oldestStuck();
        boolean modelStuck = stuck.compareTo(wedgedAfter) >= 0;
        return HealthCheckResponse.named("sluice-pipeline").status(!idleWithWork && !modelStuck)
                .withData("pending", pending)
                .withData("secondsSinceARecordEnded", sinceLastEnded.toSeconds())
                .withData("stuckModelCalls", inference.watchdog().stuckCalls())
                .withData("publishing", !publishing.failing())
                .build();
    }
}
