package dev.sluice.publish;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.sluice.lifecycle.InFlightRecord;
import dev.sluice.trace.RecordTracing;

/**
 * Where one group of a lane stands while it is sent: the records a lane released together, in
 * offset order. A round hands them to the producer in that order and stops handing out at the
 * first failure, so no record goes to the producer while an earlier one of its key has failed. When
 * every send handed out in the round has an answer and one failed, the round is over and the next
 * round sends, in the same order, every record not yet acknowledged. Thread-safe: records are handed
 * out on the publisher thread and answered on the producer's.
 */
final class GroupRound {

    private final List<InFlightRecord> records;
    private final boolean[] acknowledged;
    /** What to send for each record, built ahead (or a dead letter without its value); null: build it when sending. */
    private final ProducerRecord<byte[], byte[]>[] prepared;
    /** Tracing on: each record's open spans, from its first send to its acknowledgement. */
    private RecordTracing.RecordSpans[] spans;
    private int cursor;
    private int pending;
    private boolean handingOut = true;
    private boolean failed;
    private int failures;

    @SuppressWarnings("unchecked")
    GroupRound(List<InFlightRecord> records) {
        this.records = records;
        this.acknowledged = new boolean[records.size()];
        this.prepared = new ProducerRecord[records.size()];
    }

    /** The index of the next record to hand to the producer, counted as pending; -1 when the round hands out no more. */
    synchronized int next() {
        if (failed) {
            return -1;
        }
        while (cursor < records.size() && acknowledged[cursor]) {
            cursor++;
        }
        if (cursor == records.size()) {
            return -1;
        }
        pending++;
        return cursor++;
    }

    InFlightRecord record(int index) {
        return records.get(index);
    }

    synchronized ProducerRecord<byte[], byte[]> prepared(int index) {
        return prepared[index];
    }

    synchronized void prepare(int index, ProducerRecord<byte[], byte[]> out) {
        prepared[index] = out;
    }

    synchronized RecordTracing.RecordSpans spans(int index) {
        return spans == null ? null : spans[index];
    }

    synchronized void spans(int index, RecordTracing.RecordSpans opened) {
        if (spans == null) {
            spans = new RecordTracing.RecordSpans[records.size()];
        }
        spans[index] = opened;
    }

    /** The round handed out what it will; true when it is over with a failure (so a next round is due). */
    synchronized boolean doneHandingOut() {
        handingOut = false;
        return overWithFailure();
    }

    /** A send handed out in this round was acknowledged; true when that ends a round with a failure in it. */
    synchronized boolean acknowledged(int index) {
        acknowledged[index] = true;
        pending--;
        return overWithFailure();
    }

    /** A send handed out in this round failed; true when the round is over with it (so a next round is due). */
    synchronized boolean failed(int index) {
        failed = true;
        pending--;
        return overWithFailure();
    }

    /** Starts the next round over the records not yet acknowledged; returns how many rounds have failed so far. */
    synchronized int nextRound() {
        failed = false;
        handingOut = true;
        cursor = 0;
        return ++failures;
    }

    private boolean overWithFailure() {
        return failed && !handingOut && pending == 0;
    }
}
