package dev.sluice.metrics;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.prometheus.client.exemplars.ExemplarSampler;
import io.quarkus.micrometer.runtime.export.exemplars.OpentelemetryExemplarSamplerProvider;

/**
 * Prometheus exemplars only when there can be a trace to point at. Quarkus gives the Prometheus
 * registry an OpenTelemetry exemplar sampler whenever OpenTelemetry is on the class path, and it
 * looks up the current span on every counter increment and histogram record: several per result,
 * about 4 % of a record's CPU on the throughput benchmark (docs/BENCHMARKS.md). With the SDK
 * disabled (sluice's default) no span is ever sampled, so no exemplar could be written anyway.
 */
@Singleton
public class ExemplarsOnlyWhenTracing {

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    Optional<ExemplarSampler> exemplarSampler(
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean sdkDisabled) {
        return choose(sdkDisabled);
    }

    static Optional<ExemplarSampler> choose(boolean sdkDisabled) {
        return sdkDisabled ? Optional.empty() : new OpentelemetryExemplarSamplerProvider().exemplarSampler();
    }
}
