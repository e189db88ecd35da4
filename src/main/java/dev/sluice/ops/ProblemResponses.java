package dev.sluice.ops;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Maps every client error to a {@link Problem}: sluice's own, malformed or mistyped JSON bodies,
 * missing credentials (401, with the Basic challenge), a missing role (403), and whatever status
 * the REST layer answers itself (404, 405, 415), and server errors (500, 503). Library messages
 * stay in the log, not the reply.
 */
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    @ServerExceptionMapper
    public RestResponse<Problem> problem(ProblemException e) {
        if (e.retryAfterSeconds() > 0) {
            return RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(e.problem().status()), e.problem())
                    .type(Problem.MEDIA_TYPE).header("Retry-After", e.retryAfterSeconds()).build();
        }
        return reply(e.problem());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unreadableJson(JsonProcessingException e) {
        return reply(Problem.of(400, "Bad Request", "the body is not valid JSON of the expected shape", List.of(where(e))));
    }

    /** Declared for the exact type: Quarkus's own mapper for it answers an empty 400. */
    @ServerExceptionMapper
    public RestResponse<Problem> mistypedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    /** Missing credentials and wrong ones are told apart: the fix differs (send them, or correct them). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public RestResponse<Problem> unauthorized(RuntimeException e) {
        String detail = e instanceof AuthenticationFailedException
                ? "the credentials were not accepted: check the user and password (HTTP Basic)"
                : "this endpoint needs credentials: send HTTP Basic credentials of a user with the role sluice-operator";
        return RestResponse.ResponseBuilder.create(RestResponse.Status.UNAUTHORIZED, Problem.of(401, "Unauthorized", detail, null))
                .type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Basic realm=\"sluice\"").build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e) {
        return reply(Problem.of(403, "Forbidden",
                "this user lacks the role this endpoint needs (sluice-operator to change something, sluice-scorer to score)", null));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> status(WebApplicationException e) {
        Response response = e.getResponse();
        int status = response.getStatus();
        if (status >= 500) {
            return reply(Problem.of(status, response.getStatusInfo().getReasonPhrase(), "sluice could not answer this request", null));
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        Response.StatusType type = response.getStatusInfo();
        return reply(Problem.of(status, type.getReasonPhrase(), describe(status), null));
    }

    /**
     * Whatever no other mapper names. A send the broker did not acknowledge in time is a 503 to try
     * again; anything else a 500 whose cause goes to the log, never into the reply.
     */
    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Exception e) {
        if (e instanceof TimeoutException || e instanceof ExecutionException) {
            LOG.warnf("the broker did not acknowledge a request's records: %s", e.toString());
            return RestResponse.ResponseBuilder
                    .create(RestResponse.Status.SERVICE_UNAVAILABLE,
                            Problem.of(503, "Service Unavailable", "the broker did not acknowledge in time; try again", null))
                    .type(Problem.MEDIA_TYPE).header("Retry-After", 5).build();
        }
        LOG.errorf(e, "unexpected error while answering a request");
        return reply(Problem.of(500, "Internal Server Error", "sluice failed to answer this request; its log says why", null));
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "the request cannot be read";
            case 404 -> "no such resource";
            case 405 -> "this resource does not answer that method";
            case 406 -> "this resource answers application/json only";
            case 415 -> "send the body as application/json";
            default -> "the request was refused";
        };
    }

    /** Where the JSON went wrong, without the library's internals (class names, buffers). */
    private static String where(JsonProcessingException e) {
        var location = e.getLocation();
        String problem = e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                ? "field '" + mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName() + "' has the wrong type"
                : "malformed JSON";
        return location == null ? problem : problem + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static RestResponse<Problem> reply(Problem problem) {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(problem.status()), problem).type(Problem.MEDIA_TYPE)
                .build();
    }
}
