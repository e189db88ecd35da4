package dev.sluice.health;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sluice.testing.Http;
import dev.sluice.testing.OwnKafkaBrokerResource;

@QuarkusTest
@QuarkusTestResource(value = OwnKafkaBrokerResource.class, restrictToAnnotatedClass = true)
class BrokerOutageTest {

    @Test
    void readinessGoesDownWhileTheBrokerIsAwayAndComesBackWithItWhileLivenessStaysUp() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Http.management().get("/q/health/ready").then().statusCode(200));
        OwnKafkaBrokerResource.broker().stop();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Http.management().get("/q/health/ready").then().statusCode(503));
            Http.management().get("/q/health/live").then().statusCode(200);
        } finally {
            OwnKafkaBrokerResource.broker().restart();
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> Http.management().get("/q/health/ready").then().statusCode(200));
    }

}
