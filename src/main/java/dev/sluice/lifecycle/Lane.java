package dev.sluice.lifecycle;

/**
 * The lane a record waits in for its key's earlier records. Only {@link KeyLanes} knows what is in
 * it; a record merely carries its own, so finding it costs no lookup on the hot path.
 */
interface Lane {
}
