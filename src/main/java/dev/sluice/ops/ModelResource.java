package dev.sluice.ops;

import java.util.LinkedHashMap;
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
    public Map<String, Object> model() {
        Map<String, Object> out = new LinkedHashMap<>();
        SentimentModel model = status.model();
        out.put("kind", config.model().kind().name().toLowerCase(java.util.Locale.ROOT));
        out.put("loaded", model != null);
        if (model != null) {
            out.put("name", model.name());
            out.put("version", model.version());
            out.put("id", model.id());
            out.put("evaluation", model.evaluation());
        }
        out.put("neutralBand", config.model().neutralBand());
        out.put("maxChars", config.model().maxChars());
        return out;
    }
}
