package dev.sluice.lifecycle;

/** Where a record's outcome is written once the owner has decided it. */
public enum Destination {
    /** The results topic: the record was scored. */
    RESULT,
    /** The retry topic, with a due time: failed processing, attempts left. */
    RETRY_TOPIC,
    /** The dead-letter topic: a bad request, or no attempts left. */
    DEAD_LETTER
}
