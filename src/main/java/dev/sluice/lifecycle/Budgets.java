package dev.sluice.lifecycle;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.common.TopicPartition;

import dev.sluice.config.SluiceConfig;

/**
 * The two in-flight budgets: requests ({@code sluice.max-in-flight}) and records read back from the
 * retry topic ({@code sluice.retry.max-waiting}). Separate, so that a retry backlog pauses only the
 * retry consumer.
 */
@Singleton
public class Budgets {

    private final InFlightBudget requests;
    private final InFlightBudget retries;
    private final String retryTopic;

    @Inject
    public Budgets(SluiceConfig config) {
        this(new InFlightBudget(config.maxInFlight()), new InFlightBudget(config.retry().maxWaiting()), config.topics().retry());
    }

    Budgets(InFlightBudget requests, InFlightBudget retries, String retryTopic) {
        this.requests = requests;
        this.retries = retries;
        this.retryTopic = retryTopic;
    }

    public InFlightBudget requests() {
        return requests;
    }

    public InFlightBudget retries() {
        return retries;
    }

    InFlightBudget of(TopicPartition partition) {
        return partition.topic().equals(retryTopic) ? retries : requests;
    }

    /** Whether either budget is half taken: time to commit rather than wait for the interval. */
    boolean underPressure() {
        return requests.underPressure() || retries.underPressure();
    }
}
