package dev.sluice.ops;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The answers the HTTP layer gives before any REST resource runs, as problem documents like every
 * other 4xx: 413 for a body over {@code quarkus.http.limits.max-body-size} (10 MiB; refused on its
 * declared length before it is read, or, for a chunked body, once the chunks pass it), and 414 for a
 * URI over {@link #MAX_URI_CHARS}. Vert.x itself answers an over-long request line from its
 * decoder with an empty body and no hook, so its limit is set far higher
 * ({@code quarkus.http.limits.max-initial-line-length}) and sluice's own limit is applied here.
 */
@ApplicationScoped
public class HttpLimitProblems {

    static final int MAX_URI_CHARS = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long maxBodyBytes;
    private final BodyHandler chunkedBodies;

    HttpLimitProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBody) {
        this.maxBodyBytes = maxBody.asLongValue();
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (context.request().uri().length() > MAX_URI_CHARS) {
                answer(context, Problem.of(414, "URI Too Long", "the request URI is longer than " + MAX_URI_CHARS + " characters", null));
            } else if (declaredLength(context) > maxBodyBytes) {
                // Refused before a byte is read: a client that does not wait for 100-continue would
                // otherwise have its body cut at the limit and be told it is not valid JSON.
                answer(context, tooLarge());
            } else if (declaredLength(context) < 0 && context.request().headers().contains("Transfer-Encoding", "chunked", true)) {
                // No declared length: read the chunks here, counting, so that going over the limit
                // fails this route with 413 (answered below) instead of the REST layer's empty 413.
                chunkedBodies.handle(context);
            } else {
                context.next();
            }
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().ended()) {
                answer(context, tooLarge());
            } else {
                context.next();
            }
        });
    }

    private Problem tooLarge() {
        return Problem.of(413, "Content Too Large", "the body is larger than the " + (maxBodyBytes >> 20) + " MiB limit",
                List.of("send at most " + (maxBodyBytes >> 20) + " MiB: a JSON array of up to 10,000 requests"));
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // Not ours to judge: the HTTP layer refuses a malformed length itself.
        }
    }

    private static void answer(RoutingContext context, Problem problem) {
        try {
            context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(JSON.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(problem.status()).end();
        }
    }
}
