package dev.sluice.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sluice.record.FailureReason;

class RetryPolicyTest {

    /** 100 ms doubling to at most 1 s, no jitter; 5 attempts, the first 2 in process. */
    private final RetryPolicy policy = new RetryPolicy(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0), 5, 2);

    @Test
    void aBadRequestIsDeadLetteredWithoutARetry() {
        assertThat(policy.decide(FailureReason.INVALID_REQUEST, 1)).isEqualTo(new RetryPolicy.Decision(RetryPolicy.Kind.DEAD_LETTER, 0));
        assertThat(policy.decide(FailureReason.TOO_LARGE, 1).kind()).isEqualTo(RetryPolicy.Kind.DEAD_LETTER);
    }

    @Test
    void theFirstFailuresAreRetriedInProcessWithGrowingBackoff() {
        assertThat(policy.decide(FailureReason.PROCESSING_FAILED, 1))
                .isEqualTo(new RetryPolicy.Decision(RetryPolicy.Kind.RETRY_IN_PROCESS, 100));
        assertThat(policy.decide(FailureReason.TIMEOUT, 1).kind()).isEqualTo(RetryPolicy.Kind.RETRY_IN_PROCESS);
    }

    @Test
    void afterTheInProcessAttemptsFailuresGoThroughTheRetryTopic() {
        assertThat(policy.decide(FailureReason.PROCESSING_FAILED, 2))
                .isEqualTo(new RetryPolicy.Decision(RetryPolicy.Kind.RETRY_TOPIC, 200));
        assertThat(policy.decide(FailureReason.PROCESSING_FAILED, 4))
                .isEqualTo(new RetryPolicy.Decision(RetryPolicy.Kind.RETRY_TOPIC, 800));
    }

    @Test
    void theLastAttemptsFailureIsDeadLettered() {
        assertThat(policy.decide(FailureReason.PROCESSING_FAILED, 5).kind()).isEqualTo(RetryPolicy.Kind.DEAD_LETTER);
    }

    @Test
    void zeroInProcessAttemptsSendsTheFirstFailureToTheRetryTopic() {
        RetryPolicy topicOnly = new RetryPolicy(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0), 5, 0);
        assertThat(topicOnly.decide(FailureReason.PROCESSING_FAILED, 1).kind()).isEqualTo(RetryPolicy.Kind.RETRY_TOPIC);
    }

    @Test
    void fewerThanOneAttemptIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(new Backoff(Duration.ZERO, Duration.ZERO, 0), 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-attempts");
    }
}
