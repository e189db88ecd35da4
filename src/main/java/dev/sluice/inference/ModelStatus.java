package dev.sluice.inference;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Whether the model is loaded and warmed up, and which one: for the startup check and the gauge. */
@Singleton
public class ModelStatus {

    private volatile SentimentModel model;

    @Inject
    public ModelStatus(MeterRegistry registry) {
        Gauge.builder("sluice.model.loaded", this, s -> s.model == null ? 0 : 1)
                .description("1 once the model is loaded and warmed up").register(registry);
    }

    void loaded(SentimentModel model) {
        this.model = model;
    }

    public boolean loaded() {
        return model != null;
    }

    /** The loaded model, or null before it is. */
    public SentimentModel model() {
        return model;
    }
}
