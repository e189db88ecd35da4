package dev.sluice.ops;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.Blocking;

import dev.sluice.replay.DeadLetterReplayer;
import dev.sluice.replay.ReplayRequest;

/** {@code POST /api/dlq/replay}: sends parked dead letters back to the requests topic. */
@Path("/api/dlq")
public class DeadLetterResource {

    @Inject
    DeadLetterReplayer replayer;

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Response replay(ReplayRequest request) {
        ReplayRequest effective = request == null ? ReplayRequest.ALL : request;
        List<String> problems = effective.problems();
        if (!problems.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("errors", problems)).build();
        }
        return Response.ok(replayer.replay(effective)).build();
    }
}
