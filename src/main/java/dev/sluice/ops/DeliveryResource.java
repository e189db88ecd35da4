package dev.sluice.ops;

import java.util.Locale;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.sluice.config.DeliveryMode;
import dev.sluice.config.SluiceConfig;
import dev.sluice.metrics.SluiceMetrics;
import dev.sluice.publish.TransactionalProducers;

/** {@code GET /api/delivery}: at-least-once or exactly-once, and how the transactions went. */
@Path("/api/delivery")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @Inject
    SluiceConfig config;

    @Inject
    SluiceMetrics metrics;

    @Inject
    Instance<TransactionalProducers> transactions;

    @GET
    public DeliveryReport delivery() {
        String mode = config.delivery().name().toLowerCase(Locale.ROOT).replace('_', '-');
        String interval = config.commit().interval().toString();
        if (config.delivery() != DeliveryMode.EXACTLY_ONCE) {
            return new DeliveryReport(mode, interval, null, null, null, null);
        }
        return new DeliveryReport(mode, interval, transactions.get().transactionalIds(), metrics.transactionsCommitted(),
                metrics.transactionsAborted(), metrics.transactionMeanMillis());
    }
}
