package dev.sluice.batching;

import java.util.concurrent.CompletableFuture;

import dev.sluice.record.Sentiment;

/**
 * A text scored for a caller outside Kafka ({@code POST /api/score}): it rides in the same
 * micro-batches as records and the scoring stage completes its future, with the sentiment or with
 * why the model could not give one.
 */
public record PendingScore(String text, CompletableFuture<Sentiment> outcome) {

    public PendingScore(String text) {
        this(text, new CompletableFuture<>());
    }
}
