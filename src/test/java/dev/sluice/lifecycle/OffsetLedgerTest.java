package dev.sluice.lifecycle;

import static dev.sluice.lifecycle.OwnerFixture.P0;
import static dev.sluice.lifecycle.OwnerFixture.P1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {

    private final OffsetLedger ledger = new OffsetLedger();

    @Test
    void aPartitionNotAssignedHasNoTracker() {
        ledger.assigned(List.of(P0));
        assertThat(ledger.trackerFor(P1)).isNull();
    }

    @Test
    void revokingAPartitionReportsItsUncommittedRecordsAndForgetsIt() {
        ledger.assigned(List.of(P0));
        InFlightRecord first = taken(P0, 0);
        taken(P0, 1);
        ledger.ended(first, System.nanoTime());
        assertThat(ledger.revoked(List.of(P0))).isEqualTo(2);
        assertThat(ledger.owned()).isEmpty();
        assertThat(first.abandoned()).isTrue();
    }

    @Test
    void aRecordEndingAfterItsPartitionWasRevokedIsNeverCommittable() {
        ledger.assigned(List.of(P0));
        InFlightRecord late = taken(P0, 0);
        ledger.revoked(List.of(P0));
        ledger.assigned(List.of(P0));
        ledger.ended(late, System.nanoTime());
        assertThat(ledger.committablePositions(null)).doesNotContainKey(P0);
    }

    @Test
    void committablePositionsNameOnlyPartitionsThatTookRecordsIn() {
        ledger.assigned(List.of(P0, P1));
        ledger.ended(taken(P0, 4), System.nanoTime());
        assertThat(ledger.committablePositions(null)).containsExactlyEntriesOf(java.util.Map.of(P0, 5L));
    }

    @Test
    void theCommittablePositionStaysAtTheFirstUnfinishedRecord() {
        ledger.assigned(List.of(P0));
        taken(P0, 3);
        ledger.ended(taken(P0, 4), System.nanoTime());
        assertThat(ledger.committablePositions(null)).containsEntry(P0, 3L);
    }

    @Test
    void aCommitReportsHowManyRecordsItLetGo() {
        ledger.assigned(List.of(P0));
        ledger.ended(taken(P0, 0), System.nanoTime());
        ledger.ended(taken(P0, 1), System.nanoTime());
        taken(P0, 2);
        assertThat(ledger.committed(P0, 2)).isEqualTo(2);
        assertThat(ledger.pending(null)).isEqualTo(1);
    }

    @Test
    void pendingCountsOnlyTheNamedPartitions() {
        ledger.assigned(List.of(P0, P1));
        taken(P0, 0);
        taken(P1, 0);
        taken(P1, 1);
        assertThat(ledger.pending(List.of(P1))).isEqualTo(2);
        assertThat(ledger.pending(null)).isEqualTo(3);
    }

    @Test
    void awaitDrainedGivesUpAfterItsTimeoutWhileARecordIsUnfinished() throws InterruptedException {
        ledger.assigned(List.of(P0));
        taken(P0, 0);
        assertThat(ledger.awaitDrained(null, Duration.ofMillis(20))).isFalse();
    }

    @Test
    void awaitDrainedReturnsOnceTheLastRecordEnds() throws Exception {
        ledger.assigned(List.of(P0));
        InFlightRecord record = taken(P0, 0);
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return ledger.awaitDrained(null, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ledger.ended(record, System.nanoTime());
        assertThat(drained.get()).isTrue();
    }

    private InFlightRecord taken(TopicPartition partition, long offset) {
        ContiguousOffsetTracker tracker = ledger.trackerFor(partition);
        tracker.register(offset);
        return new InFlightRecord(partition, offset, null, new byte[0], 0L, null, tracker, new InFlightBudget(10));
    }
}
