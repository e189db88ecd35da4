package dev.sluice.lifecycle;

import static dev.sluice.lifecycle.OwnerFixture.P0;
import static dev.sluice.lifecycle.OwnerFixture.P1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

/** Rebalances, broker-free: the mock consumer stands for the connector's, the callbacks are called as it would. */
class PartitionOwnershipTest {

    @Test
    void anAssignedPartitionGetsATracker() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        assertThat(owner.ledger.owned()).containsExactly(P0);
    }

    @Test
    void aRevokedPartitionCommitsItsFinishedWorkThenFreesItsBudgetAndForgetsItsLanes() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        List<InFlightRecord> records = owner.poll(P0, "k", 0, "k", 1, "k", 2);
        owner.score(records.get(0));
        owner.acknowledgeAll();
        owner.ownership.onPartitionsRevoked(owner.consumer, List.of(P0));
        assertThat(owner.consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(1));
        assertThat(owner.requestBudget.count()).isZero();
        assertThat(owner.ledger.owned()).isEmpty();
        owner.score(records.get(1));
        assertThat(owner.publishedRecords()).containsExactly(records.get(0));
    }

    @Test
    void revokingOnePartitionLeavesTheOthersInFlightWorkAlone() {
        OwnerFixture owner = new OwnerFixture().assigned(P0, P1);
        owner.poll(P0, "a", 0);
        InFlightRecord kept = owner.poll(P1, "b", 0).get(0);
        owner.ownership.onPartitionsRevoked(owner.consumer, List.of(P0));
        assertThat(owner.requestBudget.count()).isEqualTo(1);
        owner.score(kept);
        assertThat(owner.publishedRecords()).containsExactly(kept);
    }

    @Test
    void aLostPartitionCommitsNothing() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        InFlightRecord record = owner.poll(P0, "k", 0).get(0);
        owner.score(record);
        owner.acknowledgeAll();
        owner.ownership.onPartitionsLost(owner.consumer, List.of(P0));
        assertThat(owner.consumer.committed(Set.of(P0))).isEmpty();
        assertThat(owner.ledger.owned()).isEmpty();
    }

    @Test
    void aReassignedPartitionStartsAFreshTrackerSoALateEndOfTheOldOneCommitsNothing() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        InFlightRecord old = owner.poll(P0, "k", 5).get(0);
        owner.ownership.onPartitionsRevoked(owner.consumer, List.of(P0));
        owner.assigned(P0);
        owner.lifecycle.scoring(List.of(old));
        assertThat(old.abandoned()).isTrue();
        assertThat(owner.ledger.committablePositions(null)).doesNotContainKey(P0);
    }
}
