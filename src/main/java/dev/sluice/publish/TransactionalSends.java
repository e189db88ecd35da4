package dev.sluice.publish;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;

import dev.sluice.lifecycle.InFlightRecord;

/**
 * Exactly-once: outcomes go into the open transaction of the record's input topic. A record too
 * large for the producer is refused here, as the broker would, because a refused send inside the
 * transaction would break it; any other failed send breaks the transaction, and the instance stops.
 */
final class TransactionalSends implements OutcomeSends {

    private final TransactionalProducers transactions;
    private final int maxRequestSize;

    TransactionalSends(TransactionalProducers transactions, int maxRequestSize) {
        this.transactions = transactions;
        this.maxRequestSize = maxRequestSize;
    }

    @Override
    public void send(InFlightRecord record, ProducerRecord<byte[], byte[]> out, Callback callback) {
        int size = estimatedSize(out);
        if (size > maxRequestSize) {
            callback.onCompletion(null, new RefusedBeforeSending(size, maxRequestSize));
            return;
        }
        transactions.send(record, out, callback);
    }

    @Override
    public boolean broke(InFlightRecord record, Exception error) {
        if (error instanceof RefusedBeforeSending) {
            return false;
        }
        transactions.sendFailed(record, error); // The open transaction cannot commit: abort, and read its records again.
        return true;
    }

    /** A record too large for the producer, found before it could break the transaction. */
    private static final class RefusedBeforeSending extends RecordTooLargeException {

        RefusedBeforeSending(int size, int limit) {
            super("about " + size + " bytes, over max.request.size " + limit);
        }
    }

    /** An upper bound of the record's size on the wire: key, value, headers and a batch's overhead. */
    static int estimatedSize(ProducerRecord<byte[], byte[]> out) {
        int size = 128 + (out.key() == null ? 0 : out.key().length) + (out.value() == null ? 0 : out.value().length);
        for (Header header : out.headers()) {
            size += 16 + header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
