package dev.sluice.publish;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.sluice.config.SluiceConfig;

/** Picks the publish stage's delivery part once, at start, by {@code sluice.delivery}: how an outcome reaches Kafka. */
public class PublishParts {

    @Produces
    @Singleton
    OutcomeSends outcomeSends(SluiceConfig config, RecordProducer producer, Instance<TransactionalProducers> transactions) {
        return switch (config.delivery()) {
            case AT_LEAST_ONCE -> new PlainSends(producer);
            case EXACTLY_ONCE -> new TransactionalSends(transactions.get(), producer.maxRequestSize());
        };
    }
}
