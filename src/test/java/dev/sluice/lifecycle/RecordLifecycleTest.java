package dev.sluice.lifecycle;

import static dev.sluice.lifecycle.OwnerFixture.P0;
import static dev.sluice.lifecycle.OwnerFixture.P1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

import dev.sluice.config.OrderingMode;
import dev.sluice.record.FailureReason;

/** The record owner on its own: fake scoring and publishing ports, no broker. */
class RecordLifecycleTest {

    @Test
    void aPolledRequestIsTrackedCountedAgainstTheBudgetAndOfferedForScoring() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        List<InFlightRecord> offered = owner.poll(P0, "k", 7);
        assertThat(offered).singleElement().satisfies(record -> {
            assertThat(record.offset()).isEqualTo(7);
            assertThat(record.state()).isEqualTo(RecordState.BATCHED);
        });
        assertThat(owner.requestBudget.count()).isEqualTo(1);
        assertThat(owner.lifecycle.pending()).isEqualTo(1);
    }

    @Test
    void aPollClosesTheOpenBatchOnceEveryRecordOfItIsOffered() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        owner.poll(P0, "a", 0, "b", 1, "a", 2);
        owner.poll(P1, "c", 0); // Not owned: nothing taken, nothing to close.
        assertThat(owner.flushedAfter).containsExactly(3);
    }

    @Test
    void aRecordOfAPartitionNotOwnedIsNotTakenIn() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        assertThat(owner.poll(P1, "k", 0)).isEmpty();
        assertThat(owner.requestBudget.count()).isZero();
    }

    @Test
    void aRecordPolledTwiceIsTakenInOnce() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        owner.poll(P0, "k", 0);
        assertThat(owner.poll(P0, "k", 0)).isEmpty();
        assertThat(owner.requestBudget.count()).isEqualTo(1);
    }

    @Test
    void aScoredRecordIsPublishedAsAResultAndEndsWhenTheBrokerAcknowledgesIt() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        InFlightRecord record = owner.poll(P0, "k", 0).get(0);
        owner.score(record);
        assertThat(owner.published).containsExactly(List.of(record));
        assertThat(record.destination()).isEqualTo(Destination.RESULT);
        assertThat(record.state()).isEqualTo(RecordState.PUBLISHING);
        owner.lifecycle.acknowledged(record);
        assertThat(record.state()).isEqualTo(RecordState.ENDED);
        assertThat(owner.ledger.committablePositions(null)).containsEntry(P0, 1L);
    }

    @Test
    void anAcknowledgedResultRecordsTheTimeOfEachOfItsStages() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        InFlightRecord record = owner.poll(P0, "k", 0).get(0);
        owner.score(record);
        owner.lifecycle.acknowledged(record);
        for (String stage : List.of("batch-wait", "model", "key-wait", "publish")) {
            assertThat(owner.registry.get("sluice.stage.duration").tag("stage", stage).timer().count()).as(stage).isEqualTo(1);
        }
    }

    @Test
    void aResultCountsUnderItsSourceAndLabelOnlyOnceAcknowledged() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        InFlightRecord record = owner.poll(P0, "k", 0).get(0);
        owner.score(record);
        io.micrometer.core.instrument.Counter counted = owner.registry.get("sluice.sentiment").tag("source", "s")
                .tag("label", "positive").counter();
        assertThat(counted.count()).isZero();
        owner.lifecycle.acknowledged(record);
        assertThat(counted.count()).isEqualTo(1.0);
    }

    @Test
    void aResultWhoseCounterCannotBeRegisteredIsStillPublishedAndEnds() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        owner.registry.config().meterFilter(new io.micrometer.core.instrument.config.MeterFilter() {

            @Override
            public io.micrometer.core.instrument.Meter.Id map(io.micrometer.core.instrument.Meter.Id id) {
                if (id.getName().equals("sluice.sentiment")) {
                    throw new IllegalStateException("this registry takes no new sentiment counters");
                }
                return id;
            }
        });
        InFlightRecord record = owner.poll(P0, "k", 0).get(0);
        owner.score(record);
        assertThat(owner.published).containsExactly(List.of(record));
        owner.lifecycle.acknowledged(record);
        assertThat(record.state()).isEqualTo(RecordState.ENDED);
        assertThat(owner.registry.get("sluice.records.processed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRecordHeldByItsKeyCountsTheHoldAsKeyWait() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        List<InFlightRecord> records = owner.poll(P0, "k", 0, "k", 1);
        owner.score(records.get(1));
        owner.score(records.get(0));
        owner.acknowledgeAll();
        assertThat(records.get(1).releasedNanos()).isGreaterThan(records.get(1).scoredNanos());
        assertThat(records.get(0).releasedNanos()).isGreaterThanOrEqualTo(records.get(0).scoredNanos());
        assertThat(records.get(1).releasedNanos() - records.get(1).scoredNanos())
                .isGreaterThan(records.get(0).releasedNanos() - records.get(0).scoredNanos());
    }

    @Test
    void aLaterRecordOfAKeyScoredFirstIsPublishedOnlyAfterTheEarlierOneIsAcknowledged() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        List<InFlightRecord> records = owner.poll(P0, "k", 0, "k", 1);
        owner.score(records.get(1));
        assertThat(owner.published).isEmpty();
        owner.score(records.get(0));
        assertThat(owner.published).containsExactly(List.of(records.get(0), records.get(1)));
    }

    @Test
    void aRecordHeldByItsKeyHasItsResultBuiltByTheThreadThatScoredIt() throws Exception {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        List<InFlightRecord> records = owner.poll(P0, "k", 0, "k", 1);
        owner.score(records.get(0));
        Thread worker = new Thread(() -> owner.score(records.get(1)), "scoring-worker");
        worker.start();
        worker.join();
        assertThat(owner.publishedRecords()).containsExactly(records.get(0));
        assertThat(new String(records.get(1).builtResult().value(), StandardCharsets.UTF_8)).isEqualTo("scoring-worker");
    }

    @Test
    void aResultTheBrokerRefusesIsNoLongerSentAsBuilt() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        InFlightRecord record = owner.poll(P0, "k", 0).get(0);
        owner.score(record);
        assertThat(record.builtResult()).isNotNull();
        owner.lifecycle.refused(record, new RecordTooLargeException("too large"));
        assertThat(record.builtResult()).isNull();
    }

    @Test
    void recordsOfOtherKeysAreNotHeldBackByAnUnscoredOne() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        List<InFlightRecord> records = owner.poll(P0, "slow", 0, "fast", 1);
        owner.score(records.get(1));
        assertThat(owner.publishedRecords()).containsExactly(records.get(1));
    }

    @Test
    void inExactlyOnceModeARecordWaitsForEveryEarlierRecordOfItsPartition() {
        OwnerFixture owner = new OwnerFixture(OrderingMode.KEY, new OffsetSendOrder(), 1000, false).assigned(P0);
        List<InFlightRecord> records = owner.poll(P0, "slow", 0, "fast", 1);
        owner.score(records.get(1));
        assertThat(owner.published).isEmpty();
        owner.score(records.get(0));
        assertThat(owner.publishedRecords()).containsExactly(records.get(0), records.get(1));
    }

    @Test
    void aFailedAttemptIsOfferedForScoringAgainAfterItsBackoff() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        InFlightRecord record = owner.poll(P0, "k", 0).get(0);
        owner.lifecycle.scoring(List.of(record));
        owner.lifecycle.failed(record, FailureReason.PROCESSING_FAILED, new IllegalStateException("model failed"));
        await().atMost(Duration.ofSeconds(5)).until(() -> owner.offered.size() == 2);
        assertThat(owner.offered.get(1)).isSameAs(record);
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(owner.published).isEmpty();
    }

    @Test
    void afterItsInProcessAttemptsAFailingRecordGoesToTheRetryTopicWithADueTime() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        InFlightRecord record = owner.poll(P0, "k", 0).get(0);
        failUntilPublished(owner, record, FailureReason.PROCESSING_FAILED);
        assertThat(record.attempts()).isEqualTo(2);
        assertThat(record.destination()).isEqualTo(Destination.RETRY_TOPIC);
        assertThat(record.retryDueMs()).isGreaterThan(0);
    }

    @Test
    void aBadRequestIsDeadLetteredOnItsFirstFailure() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        InFlightRecord record = owner.poll(P0, "k", 0).get(0);
        owner.lifecycle.failed(record, FailureReason.INVALID_REQUEST, new IllegalArgumentException("not JSON"));
        assertThat(owner.publishedRecords()).containsExactly(record);
        assertThat(record.destination()).isEqualTo(Destination.DEAD_LETTER);
        assertThat(record.failureReason()).isEqualTo(FailureReason.INVALID_REQUEST);
    }

    @Test
    void aResultTheBrokerRefusesBecomesADeadLetterInItsPlace() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        InFlightRecord record = owner.poll(P0, "k", 0).get(0);
        owner.score(record);
        owner.lifecycle.refused(record, new IllegalStateException("too large"));
        assertThat(record.destination()).isEqualTo(Destination.DEAD_LETTER);
        assertThat(record.state()).isEqualTo(RecordState.PUBLISHING);
    }

    @Test
    void aRecordSupersededInItsPollEndsWithoutAResult() {
        OwnerFixture owner = new OwnerFixture(OrderingMode.KEY, new LaneSendOrder(), 1000, true).assigned(P0);
        List<InFlightRecord> offered = owner.poll(P0, "k", 0, "k", 1);
        assertThat(offered).extracting(InFlightRecord::offset).containsExactly(1L);
        assertThat(owner.ledger.committablePositions(null)).containsEntry(P0, 1L);
        assertThat(owner.registry.get("sluice.records.deduplicated").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRecordOfARevokedPartitionIsNeitherPublishedNorCommittedHere() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        InFlightRecord record = owner.poll(P0, "k", 0).get(0);
        owner.ownership.onPartitionsRevoked(owner.consumer, List.of(P0));
        owner.score(record);
        assertThat(record.abandoned()).isTrue();
        assertThat(owner.published).isEmpty();
        assertThat(owner.requestBudget.count()).isZero();
    }

    @Test
    void intakeHalfwayIntoTheBudgetAsksForACommitAndAFullBudgetHoldsThePollUntilOneFreesIt() {
        OwnerFixture owner = new OwnerFixture(OrderingMode.KEY, new LaneSendOrder(), 2, false).assigned(P0);
        owner.consumer.updateBeginningOffsets(java.util.Map.of(P0, 0L));
        List<InFlightRecord> records = owner.poll(P0, "a", 0, "b", 1);
        assertThat(owner.commitsRequested).hasPositiveValue();
        var room = owner.intake
                .takeRequests(new org.apache.kafka.clients.consumer.ConsumerRecords<>(java.util.Map.of(), java.util.Map.of()))
                .subscribeAsCompletionStage();
        assertThat(room).isNotDone();
        owner.score(records.get(0));
        owner.score(records.get(1));
        owner.acknowledgeAll();
        owner.committer.commitOwned(owner.consumer, null, true);
        assertThat(room).isDone();
    }

    @Test
    void afterShutdownBeginsNothingMoreIsTakenIn() {
        OwnerFixture owner = new OwnerFixture().assigned(P0);
        owner.intake.stop();
        assertThat(owner.poll(P0, "k", 0)).isEmpty();
        assertThat(owner.lifecycle.pending()).isZero();
    }

    private static void failUntilPublished(OwnerFixture owner, InFlightRecord record, FailureReason reason) {
        while (owner.published.isEmpty()) {
            int offeredBefore = owner.offered.size();
            owner.lifecycle.scoring(List.of(record));
            owner.lifecycle.failed(record, reason, new IllegalStateException("model failed"));
            if (owner.published.isEmpty()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> owner.offered.size() > offeredBefore);
            }
        }
    }
}
