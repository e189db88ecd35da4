package dev.sluice.lifecycle;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.sluice.config.SluiceConfig;

/**
 * Picks the owner's delivery parts once, at start, by {@code sluice.delivery}: how offsets commit
 * and whether sends wait for offset order. The rest of the owner is the same in both modes.
 */
public class DeliveryParts {

    @Produces
    @Singleton
    SendOrder sendOrder(SluiceConfig config) {
        return switch (config.delivery()) {
            case AT_LEAST_ONCE -> new LaneSendOrder();
            case EXACTLY_ONCE -> new OffsetSendOrder();
        };
    }

    @Produces
    @Singleton
    OffsetCommits offsetCommits(SluiceConfig config, Instance<TransactionalCommits> transactions) {
        return switch (config.delivery()) {
            case AT_LEAST_ONCE -> new ConsumerOffsetCommits();
            case EXACTLY_ONCE -> new TransactionalOffsetCommits(transactions.get());
        };
    }
}
