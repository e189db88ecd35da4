package dev.sluice.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class InFlightBudgetTest {

    @Test
    void aBudgetWithRoomLetsIntakeGoOnAtOnce() {
        InFlightBudget budget = new InFlightBudget(2);
        budget.admit();
        assertThat(room(budget)).isDone();
    }

    @Test
    void aFullBudgetHoldsIntakeUntilARecordLeavesIt() {
        InFlightBudget budget = new InFlightBudget(2);
        budget.admit();
        budget.admit();
        CompletableFuture<Void> room = room(budget);
        assertThat(room).isNotDone();
        budget.release(1);
        assertThat(room).isDone();
    }

    @Test
    void everyWaiterOfAFullBudgetIsLetGoByOneRelease() {
        InFlightBudget budget = new InFlightBudget(1);
        budget.admit();
        CompletableFuture<Void> first = room(budget);
        CompletableFuture<Void> second = room(budget);
        budget.release(1);
        assertThat(first).isDone();
        assertThat(second).isDone();
    }

    @Test
    void aReleaseThatLeavesTheBudgetFullLetsNobodyGo() {
        InFlightBudget budget = new InFlightBudget(1);
        budget.admit();
        budget.admit(); // Intake registers a whole poll before it waits: the count may pass the maximum.
        CompletableFuture<Void> room = room(budget);
        budget.release(1);
        assertThat(room).isNotDone();
    }

    @Test
    void theBudgetIsUnderPressureFromHalfFull() {
        InFlightBudget budget = new InFlightBudget(4);
        budget.admit();
        assertThat(budget.underPressure()).isFalse();
        budget.admit();
        assertThat(budget.underPressure()).isTrue();
    }

    @Test
    void aBudgetBelowOneIsRefused() {
        assertThatThrownBy(() -> new InFlightBudget(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void recordsOfTheRetryTopicCountAgainstTheRetriesBudget() {
        Budgets budgets = new Budgets(new InFlightBudget(5), new InFlightBudget(5), "sluice.retry");
        assertThat(budgets.of(new org.apache.kafka.common.TopicPartition("sluice.retry", 0))).isSameAs(budgets.retries());
        assertThat(budgets.of(new org.apache.kafka.common.TopicPartition("sluice.requests", 0))).isSameAs(budgets.requests());
    }

    private static CompletableFuture<Void> room(InFlightBudget budget) {
        return budget.awaitRoom().subscribeAsCompletionStage();
    }
}
