package dev.sluice.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.batching.MicroBatchChannel;
import dev.sluice.batching.PendingScore;
import dev.sluice.config.SluiceConfig;
import dev.sluice.inference.ModelStatus;
import dev.sluice.inference.SentimentModel;
import dev.sluice.metrics.SluiceMetrics;
import dev.sluice.record.Sentiment;

/**
 * {@code POST /api/score}: scores a list of texts synchronously, through the same micro-batches and
 * model as records from Kafka (not a second pipeline), and answers one {@code {label, score, model}}
 * per text in order. The body is a JSON array of strings or {@code {"texts": [...]}}; anything else,
 * an unknown field, a text that is not a string or is over {@code sluice.max-request-bytes}, or more
 * than {@code sluice.score.max-texts} texts is a 400 naming each problem. Needs the role
 * {@value #SCORER}. Nothing waits on a worker thread: the answer completes when the batch does.
 */
@Path("/api/score")
public class ScoreResource {

    public static final String SCORER = "sluice-scorer";
    private static final int MAX_LISTED_ERRORS = 20;

    private final MicroBatchChannel batches;
    private final ModelStatus status;
    private final SluiceMetrics metrics;
    private final int maxTexts;
    private final int maxTextBytes;
    private final long timeoutMs;
    /** Texts scored for callers at once: they bypass the in-flight budget of Kafka records, so they have a bound of their own. */
    private final Semaphore inFlight;

    @Inject
    public ScoreResource(MicroBatchChannel batches, ModelStatus status, SluiceMetrics metrics, SluiceConfig config) {
        this.batches = batches;
        this.status = status;
        this.metrics = metrics;
        this.maxTexts = config.score().maxTexts();
        this.maxTextBytes = config.maxRequestBytes();
        this.inFlight = new Semaphore(config.score().maxInFlight());
        // The watchdog fails a batch at its timeout; this bound only covers a batch that never reached a worker.
        this.timeoutMs = config.batch().timeout().toMillis() + config.batch().linger().toMillis() + 5_000;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(SCORER)
    public CompletionStage<List<ScoredText>> score(JsonNode body) {
        List<String> texts = texts(body);
        SentimentModel model = status.model();
        if (model == null) {
            throw new ProblemException(503, "Service Unavailable", "the model is still loading", null).retryAfter(5);
        }
        if (!inFlight.tryAcquire(texts.size())) {
            throw new ProblemException(429, "Too Many Requests",
                    "more texts are being scored than sluice.score.max-in-flight allows; try again shortly", null).retryAfter(1);
        }
        List<PendingScore> pending = new ArrayList<>(texts.size());
        for (String text : texts) {
            PendingScore score = new PendingScore(text);
            pending.add(score);
            batches.offer(score);
        }
        String modelId = model.id();
        // Completed here rather than derived: a derived stage would wrap the problem in a CompletionException.
        CompletableFuture<List<ScoredText>> answer = new CompletableFuture<>();
        CompletableFuture.allOf(pending.stream().map(PendingScore::outcome).toArray(CompletableFuture[]::new))
                .orTimeout(timeoutMs, TimeUnit.MILLISECONDS).whenComplete((done, failure) -> {
                    inFlight.release(texts.size());
                    if (failure != null) {
                        answer.completeExceptionally(failed(pending, failure));
                        return;
                    }
                    metrics.scoredOverHttp(texts.size());
                    List<ScoredText> scored = new ArrayList<>(pending.size());
                    for (PendingScore score : pending) {
                        Sentiment sentiment = score.outcome().join();
                        scored.add(new ScoredText(sentiment.label().json(), sentiment.score(), modelId));
                    }
                    answer.complete(scored);
                });
        return answer;
    }

    private List<String> texts(JsonNode body) {
        JsonNode list = body;
        if (body != null && body.isObject()) {
            List<String> unknown = new ArrayList<>();
            body.fieldNames().forEachRemaining(name -> {
                if (!name.equals("texts")) {
                    unknown.add("unknown field '" + name + "'; the only field is 'texts'");
                }
            });
            if (!unknown.isEmpty()) {
                throw ProblemException.badRequest("the score request is not valid", unknown);
            }
            list = body.get("texts");
        }
        if (list == null || !list.isArray()) {
            throw ProblemException.badRequest("the body must be a JSON array of texts or {\"texts\": [...]}",
                    List.of("expected a JSON array of strings, or an object whose 'texts' is one"));
        }
        if (list.isEmpty() || list.size() > maxTexts) {
            String error = "send 1 to " + maxTexts + " texts (sluice.score.max-texts), got " + list.size();
            throw ProblemException.badRequest(error, List.of(error));
        }
        List<String> texts = new ArrayList<>(list.size());
        List<String> errors = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String error = null;
            if (!item.isTextual()) {
                error = "[" + i + "] must be a string, not " + item.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            } else if (item.textValue().getBytes(StandardCharsets.UTF_8).length > maxTextBytes) {
                error = "[" + i + "] is over " + maxTextBytes + " bytes (sluice.max-request-bytes)";
            } else {
                texts.add(item.textValue());
            }
            if (error != null && ++bad <= MAX_LISTED_ERRORS) {
                errors.add(error);
            }
        }
        if (bad > 0) {
            throw ProblemException.badRequest(bad + " of " + list.size() + " texts are not valid; none was scored", errors);
        }
        return texts;
    }

    private static ProblemException failed(List<PendingScore> pending, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return new ProblemException(503, "Service Unavailable", "the model did not answer in time", null).retryAfter(1);
        }
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < pending.size() && errors.size() < MAX_LISTED_ERRORS; i++) {
            CompletableFuture<Sentiment> outcome = pending.get(i).outcome();
            if (outcome.isCompletedExceptionally()) {
                errors.add("[" + i + "] the model failed on this text");
            }
        }
        return new ProblemException(500, "Internal Server Error", "the model failed on " + errors.size() + " of " + pending.size()
                + " texts; nothing else is wrong with the request", errors);
    }
}
