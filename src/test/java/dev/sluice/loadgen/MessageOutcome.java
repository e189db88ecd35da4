package dev.sluice.loadgen;

/**
 * One line of the JSONL output: a sent request and, when it came back, its result.
 * {@code resultAt}, {@code latencyMs}, {@code reader}, {@code partition} and {@code label} are null
 * for a lost message.
 */
public record MessageOutcome(String id, int producer, Integer reader, Integer partition, long sentAt, Long resultAt,
        Long latencyMs, String label) {

    public boolean lost() {
        return resultAt == null;
    }
}
