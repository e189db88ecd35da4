package dev.sluice.lifecycle;

/** The port through which the owner hands records forward to be scored (the micro-batcher implements it). */
public interface ScoringQueue {

    /** Queues a record for the next micro-batch; any thread. */
    void offer(InFlightRecord record);

    /**
     * Every record of a poll has been offered: the open micro-batch closes now instead of waiting
     * out its linger for records that are not coming yet.
     */
    void flush();
}
