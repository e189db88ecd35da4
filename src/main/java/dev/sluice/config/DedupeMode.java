package dev.sluice.config;

/** Whether records of a key superseded by a newer one while waiting are scored at all. */
public enum DedupeMode {
    /** Every record is scored. */
    NONE,
    /** Of the records of a key waiting for their turn, only the newest is scored; the rest end unscored. */
    LATEST_PER_KEY
}
