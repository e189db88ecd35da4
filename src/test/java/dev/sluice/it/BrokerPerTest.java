package dev.sluice.it;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.sluice.devbroker.EmbeddedKafkaBroker;
import dev.sluice.testing.TestKafka;

/** A fresh broker with sluice's four topics (12 partitions) for each test, stopped after it. */
final class BrokerPerTest implements BeforeEachCallback, AfterEachCallback {

    private EmbeddedKafkaBroker broker;
    private TestKafka kafka;

    @Override
    public void beforeEach(ExtensionContext context) {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(12, List.of("sluice.requests", "sluice.results", "sluice.retry", "sluice.dlq"));
        kafka = new TestKafka(broker.bootstrapServers());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        kafka.close();
        broker.close();
    }

    /** The broker itself, to stop and restart it on the same ports. */
    EmbeddedKafkaBroker broker() {
        return broker;
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    TestKafka kafka() {
        return kafka;
    }
}
