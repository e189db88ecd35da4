package dev.sluice.lifecycle;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

import dev.sluice.config.SluiceConfig;

/**
 * SIGTERM: stop taking records in, let in-flight work end within
 * {@code sluice.shutdown.drain-timeout} (ended means acknowledged by the broker) and commit, all
 * before the connector closes the consumer. What did not end stays uncommitted and is read again by
 * the next owner.
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

    private final RecordLifecycle lifecycle;
    private final OffsetLedger ledger;
    private final OffsetCommitter committer;
    private final Duration drainTimeout;

    @Inject
    public GracefulShutdown(RecordLifecycle lifecycle, OffsetLedger ledger, OffsetCommitter committer, SluiceConfig config) {
        this.lifecycle = lifecycle;
        this.ledger = ledger;
        this.committer = committer;
        this.drainTimeout = config.shutdown().drainTimeout();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        lifecycle.stopIntake();
        if (!committer.canCommit()) {
            return; // A transaction failed: nothing in flight can commit, so there is nothing to wait for.
        }
        try {
            if (!ledger.awaitDrained(null, drainTimeout)) {
                LOG.warnf("%d records unfinished after %s; handed back uncommitted", ledger.pending(null), drainTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            committer.commitNow(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warnf("final offset commit failed: %s", e.toString());
        }
        committer.stop(); // The consumer closes next; revocation commits anything left.
    }
}
