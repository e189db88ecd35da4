package dev.sluice.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Blocking;

import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.BadRequestException;
import dev.sluice.ingest.RequestParser;
import dev.sluice.publish.RecordProducer;
import dev.sluice.record.SentimentRequest;

/**
 * {@code POST /api/requests}: one request object or an array of them. Every one is checked with
 * the same rules as records on the topic; if any is bad, none is sent and the answer is 400 with a
 * reason per bad item. Otherwise all go to the requests topic keyed by their source and the answer
 * is 202 with their ids, once the broker has them.
 */
@Path("/api/requests")
@Blocking
public class RequestSubmission {

    private static final int MAX_ITEMS = 10_000;

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
    public Response submit(JsonNode body) throws Exception {
        if (body == null) {
            return badRequest(List.of("body must be a request object or an array of them"));
        }
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(items::add);
        } else {
            items.add(body);
        }
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            return badRequest(List.of("send 1 to " + MAX_ITEMS + " requests, got " + items.size()));
        }
        List<String> errors = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        List<SentimentRequest> requests = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            byte[] value = mapper.writeValueAsBytes(items.get(i));
            try {
                requests.add(parser.parse(value));
                values.add(value);
            } catch (BadRequestException e) {
                errors.add((body.isArray() ? "[" + i + "] " : "") + e.reason().header() + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            return badRequest(errors);
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
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accepted", requests.size());
        out.put("ids", requests.stream().map(SentimentRequest::id).toList());
        return Response.accepted(out).build();
    }

    private static Response badRequest(List<String> errors) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON).entity(Map.of("errors", errors)).build();
    }
}
