package dev.sluice.lifecycle;

/**
 * Where a record is in its life. Only {@link RecordLifecycle} moves a record from one state to the
 * next; stages report what happened and the owner decides the new state.
 */
public enum RecordState {
    /** Registered with its partition's tracker and counted against the budget. */
    TAKEN,
    /** Read back from the retry topic (or failed in process) and waiting for its due time. */
    WAITING_TO_RETRY,
    /** Handed to the micro-batcher. */
    BATCHED,
    /** In a model call on a worker. */
    SCORING,
    /** Its outcome is known; waiting until every earlier record of its key has been sent. */
    WAITING_FOR_KEY,
    /** Its result, retry or dead letter is with the producer, not yet acknowledged. */
    PUBLISHING,
    /** The broker acknowledged its result, retry record or dead letter: its offset may be committed. */
    ENDED
}
