package dev.sluice.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.sluice.config.SluiceConfig;
import dev.sluice.inference.ModelStatus;
import dev.sluice.ops.ConsumerLagMonitor;
import dev.sluice.publish.PublishHealth;

/**
 * Ready when the broker answered the last background check (no older than three refreshes), every
 * sluice topic exists, the model is loaded, and no owned partition is stalled.
 */
@Readiness
@ApplicationScoped
public class PipelineReadiness implements HealthCheck {

    @Inject
    ConsumerLagMonitor monitor;

    @Inject
    ModelStatus model;

    @Inject
    SluiceConfig config;

    @Inject
    PublishHealth publishing;

    @Override
    public HealthCheckResponse call() {
        ConsumerLagMonitor.Snapshot snapshot = monitor.snapshot();
        long ageMs = System.currentTimeMillis() - snapshot.takenAtMs();
        boolean fresh = ageMs <= 3 * config.health().lagRefresh().toMillis() + 5_000;
        boolean brokerUp = snapshot.brokerReachable() && fresh;
        boolean up = brokerUp && snapshot.missingTopics().isEmpty() && model.loaded() && snapshot.stalledPartitions().isEmpty()
                && !publishing.failing();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("sluice-pipeline").status(up)
                .withData("brokerReachable", brokerUp)
                .withData("modelLoaded", model.loaded())
                .withData("missingTopics", String.join(",", snapshot.missingTopics()))
                .withData("stalledPartitions", snapshot.stalledPartitions().toString())
                .withData("totalLag", snapshot.totalLag())
                .withData("publishing", publishing.failing() ? "failing: " + publishing.lastError() : "ok");
        return response.build();
    }
}
