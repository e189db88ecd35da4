package dev.sluice.replay;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a replay did: dead letters looked at, sent back to the requests topic, left parked because
 * they reached {@code sluice.dlq.max-replays}, and passed over by the filter; the limit it applied
 * and whether it stopped there with dead letters left to scan (call again to go on).
 */
@RegisterForReflection
public record ReplayReport(long scanned, long replayed, long parked, long filteredOut, long superseded, long limit,
        boolean stoppedAtLimit) {
}
