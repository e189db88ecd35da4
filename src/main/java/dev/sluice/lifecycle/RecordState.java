package dev.sluice.lifecycle;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where a record is in its life, and the moves allowed between states ({@link #canMoveTo}). A
 * record moves only through {@link InFlightRecord#moveTo}, which checks this table: an illegal move
 * throws where assertions are on (every test) and is counted in production
 * ({@code sluice_records_illegal_transitions_total}), where stopping the pipeline would be worse.
 */
public enum RecordState {

    /** Registered with its partition's tracker and counted against the budget. */
    TAKEN,
    /** Read back from the retry topic (or failed in process) and waiting for its due time. */
    WAITING_TO_RETRY,
    /** Handed to the micro-batcher. */
    BATCHED,
    /** In a model call on a worker (again, when a failing batch is bisected). */
    SCORING,
    /** Its outcome is known; waiting until every earlier record of its key has been sent. */
    WAITING_FOR_KEY,
    /** Its result, retry or dead letter is with the producer, not yet acknowledged. */
    PUBLISHING,
    /** The broker acknowledged its result, retry record or dead letter: its offset may be committed. */
    ENDED;

    private static final LongAdder ILLEGAL_MOVES = new LongAdder();

    /** Whether a record in this state may move to {@code next}. */
    public boolean canMoveTo(RecordState next) {
        return switch (this) {
            // Ended without an outcome: superseded by a newer record of its key in the same poll.
            case TAKEN -> next == BATCHED || next == WAITING_TO_RETRY || next == ENDED;
            case WAITING_TO_RETRY -> next == BATCHED;
            // A bad request is decided (dead letter) or fails (retry) before any model call.
            case BATCHED -> next == SCORING || next == WAITING_TO_RETRY || next == WAITING_FOR_KEY || next == PUBLISHING;
            case SCORING -> next == SCORING || next == WAITING_TO_RETRY || next == WAITING_FOR_KEY || next == PUBLISHING;
            case WAITING_FOR_KEY -> next == PUBLISHING;
            case PUBLISHING -> next == ENDED;
            case ENDED -> false;
        };
    }

    static void illegalMove() {
        ILLEGAL_MOVES.increment();
    }

    /** Illegal moves seen since start (each was applied anyway, and logged). */
    public static long illegalMoves() {
        return ILLEGAL_MOVES.sum();
    }
}
