package dev.sluice.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ContiguousOffsetTrackerTest {

    @Test
    void nothingIsCommittableBeforeAnyOffsetIsRegistered() {
        assertThat(new ContiguousOffsetTracker().committable()).isEqualTo(-1);
    }

    @Test
    void theCommitStaysAtTheFirstUnfinishedOffset() {
        ContiguousOffsetTracker tracker = new ContiguousOffsetTracker();
        for (long offset = 10; offset < 15; offset++) {
            tracker.register(offset);
        }
        tracker.markDone(11);
        tracker.markDone(12);
        assertThat(tracker.committable()).isEqualTo(10);
        tracker.markDone(10);
        assertThat(tracker.committable()).isEqualTo(13);
    }

    @Test
    void aGapHoldsTheCommitBackHoweverManyLaterOffsetsFinish() {
        ContiguousOffsetTracker tracker = new ContiguousOffsetTracker();
        for (long offset = 0; offset < 10_000; offset++) {
            tracker.register(offset);
            if (offset != 3) {
                tracker.markDone(offset);
            }
        }
        assertThat(tracker.committable()).isEqualTo(3);
        assertThat(tracker.pending()).isEqualTo(1);
        tracker.markDone(3);
        assertThat(tracker.committable()).isEqualTo(10_000);
    }

    @Test
    void offsetGapsInThePartitionDoNotHoldTheCommitBack() {
        ContiguousOffsetTracker tracker = new ContiguousOffsetTracker();
        tracker.register(5);
        tracker.register(9); // 6-8 are transaction markers or compacted away: never delivered.
        tracker.markDone(5);
        assertThat(tracker.committable()).isEqualTo(9);
        tracker.markDone(9);
        assertThat(tracker.committable()).isEqualTo(10);
    }

    @Test
    void anOffsetInAGapOrBelowTheFirstTrackedOneIsNotMarked() {
        ContiguousOffsetTracker tracker = new ContiguousOffsetTracker();
        tracker.register(5);
        tracker.register(9);
        tracker.register(10);
        tracker.markDone(7);
        tracker.markDone(4);
        assertThat(tracker.pending()).isEqualTo(3);
        tracker.markDone(10); // Past the gap: its entry is one before where contiguous offsets would put it.
        assertThat(tracker.pending()).isEqualTo(2);
        assertThat(tracker.committable()).isEqualTo(5);
    }

    @Test
    void aSecondDeliveryOfAnOffsetAlreadyTrackedIsRefused() {
        ContiguousOffsetTracker tracker = new ContiguousOffsetTracker();
        assertThat(tracker.register(4)).isTrue();
        assertThat(tracker.register(5)).isTrue();
        assertThat(tracker.register(4)).isFalse();
        tracker.markDone(4);
        tracker.markDone(5);
        assertThat(tracker.register(5)).isFalse();
        assertThat(tracker.committable()).isEqualTo(6);
    }

    @Test
    void randomCompletionOrderAlwaysCommitsExactlyBelowTheLowestUnfinishedOffset() {
        Random random = new Random(42);
        ContiguousOffsetTracker tracker = new ContiguousOffsetTracker();
        List<Long> offsets = new ArrayList<>();
        long offset = 100;
        for (int i = 0; i < 5000; i++) {
            offset += 1 + random.nextInt(3);
            offsets.add(offset);
            tracker.register(offset);
        }
        List<Long> order = new ArrayList<>(offsets);
        Collections.shuffle(order, random);
        java.util.TreeSet<Long> unfinished = new java.util.TreeSet<>(offsets);
        for (long done : order) {
            tracker.markDone(done);
            unfinished.remove(done);
            long expected = unfinished.isEmpty() ? offsets.get(offsets.size() - 1) + 1 : unfinished.first();
            assertThat(tracker.committable()).isEqualTo(expected);
        }
    }

    @Test
    void entriesStayUntilACommitPassesThemSoTheSizeBoundsWhatACrashRedoes() {
        ContiguousOffsetTracker tracker = new ContiguousOffsetTracker();
        for (long offset = 0; offset < 10; offset++) {
            tracker.register(offset);
            tracker.markDone(offset);
        }
        assertThat(tracker.pending()).isZero();
        assertThat(tracker.uncommitted()).isEqualTo(10);
        assertThat(tracker.committed(6)).isEqualTo(6);
        assertThat(tracker.uncommitted()).isEqualTo(4);
        assertThat(tracker.committable()).isEqualTo(10);
    }

    @Test
    void aCommitNeverDropsAnEntryThatHasNotEnded() {
        ContiguousOffsetTracker tracker = new ContiguousOffsetTracker();
        tracker.register(0);
        tracker.register(1);
        tracker.markDone(1);
        assertThat(tracker.committed(2)).isZero();
        assertThat(tracker.uncommitted()).isEqualTo(2);
        tracker.markDone(0);
        assertThat(tracker.committed(tracker.committable())).isEqualTo(2);
        assertThat(tracker.pending()).isZero();
    }

    @Test
    void theRingGrowsAndKeepsWorkingAcrossWrapAround() {
        ContiguousOffsetTracker tracker = new ContiguousOffsetTracker();
        long offset = 0;
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 3000; i++) {
                tracker.register(offset++);
            }
            for (long o = offset - 3000; o < offset; o++) {
                tracker.markDone(o);
            }
            assertThat(tracker.committed(tracker.committable())).isEqualTo(3000);
        }
        assertThat(tracker.committable()).isEqualTo(30_000);
        assertThat(tracker.uncommitted()).isZero();
    }

    @Test
    void markingAnUnknownOffsetChangesNothing() {
        ContiguousOffsetTracker tracker = new ContiguousOffsetTracker();
        tracker.register(1);
        tracker.markDone(7);
        assertThat(tracker.committable()).isEqualTo(1);
    }
}
