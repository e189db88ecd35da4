package dev.sluice.publish;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

/**
 * Whether sluice can write right now: failing from the first send the broker did not acknowledge
 * until the next one it did. Readiness reads it; the log says when it starts and stops failing,
 * once each, however many records wait meanwhile.
 */
@Singleton
public class PublishHealth {

    private static final Logger LOG = Logger.getLogger(PublishHealth.class);

    private volatile long failingSinceMs;
    private volatile String lastError = "";

    void succeeded() {
        if (failingSinceMs != 0) {
            synchronized (this) {
                if (failingSinceMs != 0) {
                    LOG.infof("publishing recovered after %d ms", System.currentTimeMillis() - failingSinceMs);
                    failingSinceMs = 0;
                }
            }
        }
    }

    void failed(Throwable error) {
        lastError = error.toString();
        if (failingSinceMs == 0) {
            synchronized (this) {
                if (failingSinceMs == 0) {
                    failingSinceMs = System.currentTimeMillis();
                    LOG.warnf("sends are failing; records wait and are sent again with backoff: %s", lastError);
                }
            }
        }
    }

    public boolean failing() {
        return failingSinceMs != 0;
    }

    /** Epoch ms of the first failure of the current failing spell, or 0. */
    public long failingSinceMs() {
        return failingSinceMs;
    }

    public String lastError() {
        return lastError;
    }
}
