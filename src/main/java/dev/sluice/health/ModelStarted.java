package dev.sluice.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

import dev.sluice.inference.ModelStatus;

/** Started once the model is loaded and warmed up. */
@Startup
@ApplicationScoped
public class ModelStarted implements HealthCheck {

    @Inject
    ModelStatus model;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sluice-model").status(model.loaded())
                .withData("model", model.loaded() ? model.model().id() : "loading").build();
    }
}
