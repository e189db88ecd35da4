package dev.sluice.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Matches results to the requests sent, by id: the first result of an id counts, every further
 * one is a duplicate, and a request without a result by the end is lost. Thread-safe: producers
 * and readers share one.
 */
public final class ResultMatcher {

    private record Sent(int producer, long sentAt) {
    }

    private record Received(int reader, int partition, long resultAt, String label) {
    }

    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    private final Map<String, Received> received = new ConcurrentHashMap<>();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();

    public void sent(String id, int producer, long sentAt) {
        sent.put(id, new Sent(producer, sentAt));
    }

    /** A result arrived; returns false when it is a duplicate or answers no request of this run. */
    public boolean received(String id, int reader, int partition, long resultAt, String label) {
        if (!sent.containsKey(id)) {
            unknown.incrementAndGet();
            return false;
        }
        if (received.putIfAbsent(id, new Received(reader, partition, resultAt, label)) != null) {
            duplicated.incrementAndGet();
            return false;
        }
        return true;
    }

    public boolean complete(long expected) {
        return received.size() >= expected;
    }

    public long matched() {
        return received.size();
    }

    public long duplicated() {
        return duplicated.get();
    }

    /** Results whose id this run never sent (another run's, on a shared topic). */
    public long unknown() {
        return unknown.get();
    }

    public List<MessageOutcome> outcomes() {
        List<MessageOutcome> out = new ArrayList<>(sent.size());
        sent.forEach((id, s) -> {
            Received r = received.get(id);
            out.add(r == null
                    ? new MessageOutcome(id, s.producer(), null, null, s.sentAt(), null, null, null)
                    : new MessageOutcome(id, s.producer(), r.reader(), r.partition(), s.sentAt(), r.resultAt(), r.resultAt() - s.sentAt(),
                            r.label()));
        });
        out.sort(java.util.Comparator.comparingLong(MessageOutcome::sentAt).thenComparing(MessageOutcome::id));
        return out;
    }
}
