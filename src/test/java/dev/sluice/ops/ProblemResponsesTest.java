package dev.sluice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;

import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

    private final ProblemResponses responses = new ProblemResponses();

    @Test
    void anUnexpectedExceptionIsA500ProblemThatKeepsItsMessageOutOfTheReply() {
        RestResponse<Problem> reply = responses.unexpected(new IllegalStateException("secret internals"));
        assertThat(reply.getStatus()).isEqualTo(500);
        assertThat(reply.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(reply.getEntity().detail()).doesNotContain("secret internals");
    }

    @Test
    void aBrokerThatDidNotAcknowledgeInTimeIsA503ToTryAgain() {
        RestResponse<Problem> reply = responses.unexpected(new TimeoutException("30 s"));
        assertThat(reply.getStatus()).isEqualTo(503);
        assertThat(reply.getHeaderString("Retry-After")).isEqualTo("5");
    }
}
