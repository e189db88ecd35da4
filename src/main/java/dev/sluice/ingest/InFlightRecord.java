package dev.sluice.ingest;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

import dev.sluice.offsets.ContiguousOffsetTracker;

/**
 * One request record from the moment sluice takes it in until it has ended (result acknowledged
 * or dead-lettered). Key and value are kept byte for byte: results reuse the key, dead letters
 * reuse both.
 */
public final class InFlightRecord {

    private final TopicPartition partition;
    private final long offset;
    private final byte[] key;
    private final byte[] value;
    private final long recordTimestamp;
    private final Headers headers;
    private final ContiguousOffsetTracker tracker;

    /** Set by the ordering stage: the lane this record holds while in flight. */
    private Object lane;
    /** Set once parsed; null before, and for bad requests. */
    private SentimentRequest request;
    private int attempts;
    private long firstFailureMs;
    private long lastFailureMs;
    /** Where the request was first read; differs from partition/offset for a record read back from the retry topic. */
    private String originTopic;
    private int originPartition;
    private long originOffset;

    public InFlightRecord(TopicPartition partition, long offset, byte[] key, byte[] value, long recordTimestamp,
            Headers headers, ContiguousOffsetTracker tracker) {
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
        this.recordTimestamp = recordTimestamp;
        this.headers = headers;
        this.tracker = tracker;
        this.originTopic = partition.topic();
        this.originPartition = partition.partition();
        this.originOffset = offset;
    }

    /** Restores what a retry record says of its earlier life: where it came from and how it failed. */
    public void resumeFrom(String topic, int partition, long offset, int attempts, long firstFailureMs, long lastFailureMs) {
        this.originTopic = topic;
        this.originPartition = partition;
        this.originOffset = offset;
        this.attempts = attempts;
        this.firstFailureMs = firstFailureMs;
        this.lastFailureMs = lastFailureMs;
    }

    public String originTopic() {
        return originTopic;
    }

    public int originPartition() {
        return originPartition;
    }

    public long originOffset() {
        return originOffset;
    }

    public TopicPartition partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public byte[] key() {
        return key;
    }

    public byte[] value() {
        return value;
    }

    public long recordTimestamp() {
        return recordTimestamp;
    }

    public Headers headers() {
        return headers;
    }

    public ContiguousOffsetTracker tracker() {
        return tracker;
    }

    public Object lane() {
        return lane;
    }

    public void lane(Object lane) {
        this.lane = lane;
    }

    public SentimentRequest request() {
        return request;
    }

    public void request(SentimentRequest request) {
        this.request = request;
    }

    public int attempts() {
        return attempts;
    }

    public long firstFailureMs() {
        return firstFailureMs;
    }

    public long lastFailureMs() {
        return lastFailureMs;
    }

    /** Counts a failed attempt at the given wall-clock time. */
    public void failedAt(long epochMs) {
        attempts++;
        if (firstFailureMs == 0) {
            firstFailureMs = epochMs;
        }
        lastFailureMs = epochMs;
    }

    /** The partition was revoked: whatever this record still does will not be committed here. */
    public boolean abandoned() {
        return tracker.revoked();
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
