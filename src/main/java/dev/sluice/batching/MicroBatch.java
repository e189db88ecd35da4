package dev.sluice.batching;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.lifecycle.InFlightRecord;

/** One micro-batch: the records taken from Kafka and the texts posted for synchronous scoring that closed together. */
public record MicroBatch(List<InFlightRecord> records, List<PendingScore> texts) {

    /** Splits what the batcher grouped; a batch of records only (the common case) is passed on without copying. */
    @SuppressWarnings("unchecked")
    static MicroBatch of(List<Object> items) {
        int texts = 0;
        for (Object item : items) {
            if (item instanceof PendingScore) {
                texts++;
            }
        }
        if (texts == 0) {
            return new MicroBatch((List<InFlightRecord>) (List<?>) items, List.of());
        }
        List<InFlightRecord> records = new ArrayList<>(items.size() - texts);
        List<PendingScore> pending = new ArrayList<>(texts);
        for (Object item : items) {
            if (item instanceof PendingScore score) {
                pending.add(score);
            } else {
                records.add((InFlightRecord) item);
            }
        }
        return new MicroBatch(records, pending);
    }

    public int size() {
        return records.size() + texts.size();
    }
}
