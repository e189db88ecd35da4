package dev.sluice.lifecycle;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;

import dev.sluice.record.FailureReason;
import dev.sluice.record.Sentiment;
import dev.sluice.record.SentimentRequest;

/**
 * One record from the moment sluice takes it in until a commit passes its offset. Key and value
 * are kept byte for byte: results reuse the key, dead letters reuse both. Its state and outcome are
 * written only by the owner ({@link RecordLifecycle} and the parts it drives, in this package), and
 * its state only through {@link #moveTo}, which checks {@link RecordState}'s table; stages read
 * them and report back.
 */
public final class InFlightRecord {

    private final TopicPartition partition;
    private final long offset;
    private final byte[] key;
    private final byte[] value;
    private final long recordTimestamp;
    private final Headers headers;
    private final ContiguousOffsetTracker tracker;
    private final InFlightBudget budget;
    /** When sluice took the record in, on the monotonic clock the stage times below are read on. */
    private final long takenNanos = System.nanoTime();
    private volatile long scoringNanos;
    private volatile long scoredNanos;
    private volatile long releasedNanos;

    private static final Logger LOG = Logger.getLogger(InFlightRecord.class);
    /** Assertions on (tests): an illegal move throws; off (production): it is counted and logged. */
    private static final boolean STRICT_MOVES = InFlightRecord.class.desiredAssertionStatus();

    /** The key's (or partition's) lane in ordered modes; null when the record has no order to keep. */
    private Lane lane;
    private volatile RecordState state = RecordState.TAKEN;
    private Destination destination;
    private Sentiment sentiment;
    /** Where its result is counted once acknowledged, looked up when scored (see SluiceMetrics.processed). */
    private Counter sentimentCounter;
    private String modelId;
    private FailureReason failureReason;
    private Throwable failureCause;
    private long retryDueMs;
    /** Its result, built by the publish stage on the worker that scored it; null until then, and once it is no longer a result. */
    private ProducerRecord<byte[], byte[]> builtResult;

    /** Set once parsed by the scoring stage; null before, and for bad requests. */
    private SentimentRequest request;
    private int attempts;
    private long firstFailureMs;
    private long lastFailureMs;
    /** Where the request was first read; differs from partition/offset for a record read back from the retry topic. */
    private String originTopic;
    private int originPartition;
    private long originOffset;

    InFlightRecord(TopicPartition partition, long offset, byte[] key, byte[] value, long recordTimestamp, Headers headers,
            ContiguousOffsetTracker tracker, InFlightBudget budget) {
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
        this.recordTimestamp = recordTimestamp;
        this.headers = headers;
        this.tracker = tracker;
        this.budget = budget;
        this.originTopic = partition.topic();
        this.originPartition = partition.partition();
        this.originOffset = offset;
    }

    /** A record built outside intake, for the pure-logic tests of stages. */
    public static InFlightRecord detached(TopicPartition partition, long offset, byte[] key, byte[] value) {
        return detached(partition, offset, key, value, null);
    }

    /** The same, with the headers the record was polled with. */
    public static InFlightRecord detached(TopicPartition partition, long offset, byte[] key, byte[] value, Headers headers) {
        ContiguousOffsetTracker tracker = new ContiguousOffsetTracker();
        tracker.register(offset);
        return new InFlightRecord(partition, offset, key, value, 0L, headers, tracker, new InFlightBudget(Integer.MAX_VALUE));
    }

    /** The same, already parsed into {@code request}. */
    public static InFlightRecord detached(TopicPartition partition, long offset, SentimentRequest request) {
        InFlightRecord record = detached(partition, offset, null, new byte[0]);
        record.request(request);
        return record;
    }

    /** Restores what a retry record says of its earlier life: where it came from and how it failed. */
    void resumeFrom(String topic, int partition, long offset, int attempts, long firstFailureMs, long lastFailureMs) {
        this.originTopic = topic;
        this.originPartition = partition;
        this.originOffset = offset;
        this.attempts = attempts;
        this.firstFailureMs = firstFailureMs;
        this.lastFailureMs = lastFailureMs;
    }

    void scoringStarted(long nanos) {
        scoringNanos = nanos;
    }

    void scored(Sentiment sentiment, Counter sentimentCounter, String modelId, long nanos) {
        scoredNanos = nanos;
        this.destination = Destination.RESULT;
        this.sentiment = sentiment;
        this.sentimentCounter = sentimentCounter;
        this.modelId = modelId;
    }

    void builtResult(ProducerRecord<byte[], byte[]> result) {
        this.builtResult = result;
    }

    /** Its outcome was handed to the publisher (its key's earlier records written, its lane free). */
    void released(long nanos) {
        releasedNanos = nanos;
    }

    void parked(Destination destination, FailureReason reason, Throwable cause, long retryDueMs) {
        this.destination = destination;
        this.builtResult = null;
        this.failureReason = reason;
        this.failureCause = cause;
        this.retryDueMs = retryDueMs;
    }

    /** Counts a failed attempt at the given wall-clock time. */
    void failedAt(long epochMs) {
        attempts++;
        if (firstFailureMs == 0) {
            firstFailureMs = epochMs;
        }
        lastFailureMs = epochMs;
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

    public long takenNanos() {
        return takenNanos;
    }

    /** When its (latest) micro-batch went into the model; 0 if it never did. */
    public long scoringNanos() {
        return scoringNanos;
    }

    /** When the model scored it; 0 if it was not scored (a bad request, a failure). */
    public long scoredNanos() {
        return scoredNanos;
    }

    /** When its outcome was handed to the publisher; 0 before. */
    public long releasedNanos() {
        return releasedNanos;
    }

    public long recordTimestamp() {
        return recordTimestamp;
    }

    public Headers headers() {
        return headers;
    }

    ContiguousOffsetTracker tracker() {
        return tracker;
    }

    InFlightBudget budget() {
        return budget;
    }

    public RecordState state() {
        return state;
    }

    /**
     * Moves the record to {@code next} if {@link RecordState}'s table allows it. Each record is
     * moved by one thread at a time (its hand-overs order them), so no compare-and-set is needed.
     */
    void moveTo(RecordState next) {
        RecordState from = state;
        if (!from.canMoveTo(next)) {
            RecordState.illegalMove();
            if (STRICT_MOVES) {
                throw new IllegalStateException(this + ": illegal move " + from + " -> " + next);
            }
            LOG.errorf(new IllegalStateException(from + " -> " + next), "%s: illegal state move (applied; please report it)", this);
        }
        state = next;
    }

    Lane lane() {
        return lane;
    }

    void lane(Lane lane) {
        this.lane = lane;
    }

    public SentimentRequest request() {
        return request;
    }

    /** The scoring stage parsed the value (reported through the owner): later attempts reuse it. */
    void request(SentimentRequest request) {
        this.request = request;
    }

    /** Where the outcome goes; null while the record is not yet decided. */
    public Destination destination() {
        return destination;
    }

    /** Its result as built when it was scored, or null: built when it is sent. */
    public ProducerRecord<byte[], byte[]> builtResult() {
        return builtResult;
    }

    public Counter sentimentCounter() {
        return sentimentCounter;
    }

    public Sentiment sentiment() {
        return sentiment;
    }

    public String modelId() {
        return modelId;
    }

    public FailureReason failureReason() {
        return failureReason;
    }

    public Throwable failureCause() {
        return failureCause;
    }

    public long retryDueMs() {
        return retryDueMs;
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

    /** The partition was revoked: whatever this record still does will not be committed here. */
    public boolean abandoned() {
        return tracker.revoked();
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
