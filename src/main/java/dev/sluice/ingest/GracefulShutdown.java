package dev.sluice.ingest;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

import dev.sluice.config.SluiceConfig;
import dev.sluice.offsets.OffsetCommitter;
import dev.sluice.offsets.OffsetLedger;
import dev.sluice.publish.RecordProducer;

/**
 * SIGTERM: stop taking records in, let in-flight work finish within
 * {@code sluice.shutdown.drain-timeout}, flush the producer and commit, all before the connector
 * closes the consumer. What did not finish stays uncommitted and is read again by the next owner.
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

    private final RecordIntake intake;
    private final OffsetLedger ledger;
    private final OffsetCommitter committer;
    private final RecordProducer producer;
    private final Duration drainTimeout;

    @Inject
    public GracefulShutdown(RecordIntake intake, OffsetLedger ledger, OffsetCommitter committer, RecordProducer producer,
            SluiceConfig config) {
        this.intake = intake;
        this.ledger = ledger;
        this.committer = committer;
        this.producer = producer;
        this.drainTimeout = config.shutdown().drainTimeout();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        intake.stop();
        try {
            if (!ledger.awaitDrained(null, drainTimeout)) {
                LOG.warnf("%d records unfinished after %s; handed back uncommitted", ledger.pending(null), drainTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
        try {
            committer.commitNow(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warnf("final offset commit failed: %s", e.toString());
        }
        committer.stop(); // The consumer closes next; revocation commits anything left.
    }
}
