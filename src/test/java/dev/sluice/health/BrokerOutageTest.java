package dev.sluice.health;

import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;

import dev.sluice.devbroker.EmbeddedKafkaBroker;
import dev.sluice.testing.KafkaBrokerResource;

@QuarkusTest
@QuarkusTestResource(value = BrokerOutageTest.OwnBroker.class, restrictToAnnotatedClass = true)
class BrokerOutageTest {

    @Test
    void readinessGoesDownWhileTheBrokerIsAwayAndComesBackWithItWhileLivenessStaysUp() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> when().get("/q/health/ready").then().statusCode(200));
        OwnBroker.broker.stop();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> when().get("/q/health/ready").then().statusCode(503));
            when().get("/q/health/live").then().statusCode(200);
        } finally {
            OwnBroker.broker.restart();
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> when().get("/q/health/ready").then().statusCode(200));
    }

    /** A broker of this test's own: stopping it must not disturb the other tests' broker. */
    public static class OwnBroker implements QuarkusTestResourceLifecycleManager {

        static volatile EmbeddedKafkaBroker broker;

        @Override
        public Map<String, String> start() {
            broker = EmbeddedKafkaBroker.start();
            broker.createTopics(KafkaBrokerResource.PARTITIONS, KafkaBrokerResource.TOPICS);
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers(), "sluice.health.lag-refresh", "500ms");
        }

        @Override
        public void stop() {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
