package dev.sluice.ops;

import java.util.List;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.smallrye.common.annotation.Blocking;

import dev.sluice.replay.DeadLetterReplayer;
import dev.sluice.replay.ReplayReport;
import dev.sluice.replay.ReplayRequest;

/** {@code POST /api/dlq/replay}: sends parked dead letters back to the requests topic; operators only. */
@Path("/api/dlq")
public class DeadLetterResource {

    public static final String OPERATOR = "sluice-operator";

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    DeadLetterReplayer replayer;

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @RolesAllowed(OPERATOR)
    public ReplayReport replay(JsonNode body) throws JsonProcessingException {
        ReplayRequest request = strictly(body);
        List<String> problems = request.problems();
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest("the replay request is not valid", problems);
        }
        return replayer.replay(request);
    }

    /**
     * The body as a replay request, refusing unknown fields: a misspelled narrowing field
     * ({@code "reasn"}) must not widen a replay to everything. Request records on the topic, by
     * contrast, ignore unknown fields.
     */
    private static ReplayRequest strictly(JsonNode body) throws JsonProcessingException {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("the body must be a replay request", List.of("the body must be a JSON object"));
        }
        try {
            return STRICT.treeToValue(body, ReplayRequest.class);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.badRequest("the replay request is not valid",
                    List.of("unknown field '" + e.getPropertyName() + "'; the fields are " + new TreeSet<>(e.getKnownPropertyIds().stream()
                            .map(String::valueOf).toList())));
        } // A mistyped field goes on to ProblemResponses, which names it like any other unreadable body.
    }
}
