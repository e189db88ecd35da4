package dev.sluice.config;

/** Which records may be in flight together. */
public enum OrderingMode {
    /** Records of one key never overtake each other; keys of one partition run in parallel. */
    KEY,
    /** One record of a partition in flight at a time: classic consumer order. */
    PARTITION,
    /** No order: anything may run beside anything. */
    UNORDERED
}
