package dev.sluice.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.InFlightRecords;
import dev.sluice.offsets.OffsetLedger;

/**
 * Live unless wedged: records are waiting to end and none has ended for
 * {@code sluice.health.wedged-after}. Idle with nothing to do is live. A broker outage is not a
 * liveness failure (a restart would not fix it): readiness reports that.
 */
@Liveness
@ApplicationScoped
public class PipelineLiveness implements HealthCheck {

    @Inject
    InFlightRecords inFlight;

    @Inject
    OffsetLedger ledger;

    @Inject
    SluiceConfig config;

    @Override
    public HealthCheckResponse call() {
        int pending = ledger.pending(null);
        Duration sinceLastEnded = Duration.ofNanos(System.nanoTime() - inFlight.lastEndedNanos());
        boolean wedged = pending > 0 && sinceLastEnded.compareTo(config.health().wedgedAfter()) >= 0;
        return HealthCheckResponse.named("sluice-pipeline").status(!wedged)
                .withData("pending", pending)
                .withData("inFlight", inFlight.count())
                .withData("secondsSinceARecordEnded", sinceLastEnded.toSeconds())
                .build();
    }
}
