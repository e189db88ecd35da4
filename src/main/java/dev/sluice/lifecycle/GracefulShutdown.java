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

    private final RecordIntake intake;
    private final OffsetLedger ledger;
    private final OffsetCommitter committer;
    private final CommitScheduler commits;
    private final Duration drainTimeout;

    @Inject
    public GracefulShutdown(RecordIntake intake, OffsetLedger ledger, OffsetCommitter committer, CommitScheduler commits,
            SluiceConfig config) {
        this.intake = intake;
        this.ledger = ledger;
        this.committer = committer;
        this.commits = commits;
        this.drainTimeout = config.shutdown().drainTimeout();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        intake.stop();
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
            commits.commitNow(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warnf("final offset commit failed: %s", e.toString());
        }
        commits.stop(); // The consumer closes next; revocation commits anything left.
    }
}
