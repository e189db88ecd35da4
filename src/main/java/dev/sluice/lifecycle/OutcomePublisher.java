package dev.sluice.lifecycle;

/**
 * The port through which the owner hands a decided record forward to be written (the publish stage
 * implements it): its result, its retry record or its dead letter, by {@link InFlightRecord#destination()}.
 * The publisher reports back {@link RecordLifecycle#acknowledged} once the broker has it, and keeps
 * trying until then.
 */
public interface OutcomePublisher {

    void publish(InFlightRecord record);
}
