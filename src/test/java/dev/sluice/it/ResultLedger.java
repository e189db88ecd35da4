package dev.sluice.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sluice.testing.TestKafka;

/** How many results each request id has on the results topic. */
final class ResultLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultLedger() {
    }

    static Map<String, Integer> countsById(TestKafka kafka) {
        return countsById(kafka, "sluice.results", false);
    }

    /** How many records each request id has on {@code topic}, as a read_committed reader sees them when asked. */
    static Map<String, Integer> countsById(TestKafka kafka, String topic, boolean readCommitted) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic, readCommitted)) {
            try {
                counts.merge(JSON.readTree(record.value()).get("id").asText(), 1, Integer::sum);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return counts;
    }

    static long total(TestKafka kafka, String topic) {
        return kafka.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }
}
