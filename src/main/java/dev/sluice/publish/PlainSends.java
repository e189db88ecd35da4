package dev.sluice.publish;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.sluice.lifecycle.InFlightRecord;

/** At-least-once: outcomes go through the shared idempotent producer; a failed send is repeated. */
final class PlainSends implements OutcomeSends {

    private final RecordProducer producer;

    PlainSends(RecordProducer producer) {
        this.producer = producer;
    }

    @Override
    public void send(InFlightRecord record, ProducerRecord<byte[], byte[]> out, Callback callback) {
        producer.send(out, callback);
    }

    @Override
    public boolean broke(InFlightRecord record, Exception error) {
        return false;
    }
}
