package dev.sluice.ops;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.Blocking;

import dev.sluice.replay.DeadLetterReplayer;
import dev.sluice.replay.ReplayReport;
import dev.sluice.replay.ReplayRequest;

/** {@code POST /api/dlq/replay}: sends parked dead letters back to the requests topic; operators only. */
@Path("/api/dlq")
public class DeadLetterResource {

    public static final String OPERATOR = "sluice-operator";

    @Inject
    DeadLetterReplayer replayer;

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @RolesAllowed(OPERATOR)
    public ReplayReport replay(ReplayRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("the body must be a replay request", List.of("the body must be a JSON object"));
        }
        List<String> problems = request.problems();
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest("the replay request is not valid", problems);
        }
        return replayer.replay(request);
    }
}
