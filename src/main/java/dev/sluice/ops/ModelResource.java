package dev.sluice.ops;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.sluice.config.SluiceConfig;
import dev.sluice.inference.ModelStatus;
import dev.sluice.inference.SentimentModel;

/** {@code GET /api/model}: the model in use and how it scored in its evaluation. */
@Path("/api/model")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    @Inject
    ModelStatus status;

    @Inject
    SluiceConfig config;

    @GET
    public ModelReport model() {
        SentimentModel model = status.model();
        String kind = config.model().kind().name().toLowerCase(java.util.Locale.ROOT);
        if (model == null) {
            return new ModelReport(kind, false, null, null, null, null, config.model().neutralBand(), config.model().maxChars());
        }
        Map<String, String> evaluation = new java.util.TreeMap<>();
        model.evaluation().forEach((key, value) -> evaluation.put(key, String.valueOf(value)));
        return new ModelReport(kind, true, model.name(), model.version(), model.id(), evaluation, config.model().neutralBand(),
                config.model().maxChars());
    }
}
