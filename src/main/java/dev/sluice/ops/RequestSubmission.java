package dev.sluice.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Blocking;

import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.BadRequestException;
import dev.sluice.ingest.RequestParser;
import dev.sluice.publish.RecordProducer;
import dev.sluice.record.SentimentRequest;

/**
 * {@code POST /api/requests}: one request object or an array of up to {@value #MAX_ITEMS}; operators
 * only. Every one is checked with the same rules as records on the topic; if any is bad, none is
 * sent and the answer is 400 with a reason for each of the first {@value #MAX_LISTED_ERRORS} bad
 * items. Otherwise all go to the requests topic keyed by their source and the answer is 202 with
 * their ids, once the broker has them.
 */
@Path("/api/requests")
@Blocking
public class RequestSubmission {

    public static final int MAX_ITEMS = 10_000;
    public static final int MAX_LISTED_ERRORS = 20;

    @Inject
    RequestParser parser;

    @Inject
    RecordProducer producer;

    @Inject
    ObjectMapper mapper;

    @Inject
    SluiceConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(DeadLetterResource.OPERATOR)
    public RestResponse<Accepted> submit(JsonNode body) throws Exception {
        if (body == null || !(body.isObject() || body.isArray())) {
            throw ProblemException.badRequest("the body must be a request object or an array of them",
                    List.of("the body must be a request object or an array of them"));
        }
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(items::add);
        } else {
            items.add(body);
        }
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw ProblemException.badRequest("send 1 to " + MAX_ITEMS + " requests, got " + items.size(),
                    List.of("send 1 to " + MAX_ITEMS + " requests, got " + items.size()));
        }
        List<String> errors = new ArrayList<>();
        int bad = 0;
        List<byte[]> values = new ArrayList<>();
        List<SentimentRequest> requests = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            byte[] value = mapper.writeValueAsBytes(items.get(i));
            try {
                requests.add(parser.parse(value));
                values.add(value);
            } catch (BadRequestException e) {
                if (++bad <= MAX_LISTED_ERRORS) {
                    errors.add((body.isArray() ? "[" + i + "] " : "") + e.reason().header() + ": " + e.getMessage());
                }
            }
        }
        if (bad > 0) {
            throw ProblemException.badRequest(bad + " of " + items.size() + " requests are not valid; nothing was sent"
                    + (bad > MAX_LISTED_ERRORS ? " (the first " + MAX_LISTED_ERRORS + " are listed)" : ""), errors);
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            String source = requests.get(i).source();
            byte[] key = source == null ? null : source.getBytes(StandardCharsets.UTF_8);
            sends.add(producer.send(new ProducerRecord<>(config.topics().requests(), key, values.get(i))));
        }
        for (Future<RecordMetadata> send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }
        return RestResponse.accepted(new Accepted(requests.size(), requests.stream().map(SentimentRequest::id).toList()));
    }
}
