package dev.sluice.loadgen;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles (HdrHistogram, 3 significant digits, up to one hour) and counts of a run:
 * how many came back, how many were lost, how many results were duplicates, and the throughput
 * between the first send and the last result.
 */
public record LatencySummary(long count, long lost, long duplicated, long min, long max, double mean, long p50, long p75, long p90,
        long p95, long p99, long p999, double throughputPerSecond) {

    public static LatencySummary of(Collection<MessageOutcome> outcomes, long duplicated) {
        Histogram histogram = new Histogram(3_600_000L, 3);
        long lost = 0;
        long firstSent = Long.MAX_VALUE;
        long lastResult = Long.MIN_VALUE;
        for (MessageOutcome outcome : outcomes) {
            firstSent = Math.min(firstSent, outcome.sentAt());
            if (outcome.lost()) {
                lost++;
                continue;
            }
            histogram.recordValue(Math.max(0, Math.min(outcome.latencyMs(), histogram.getHighestTrackableValue())));
            lastResult = Math.max(lastResult, outcome.resultAt());
        }
        long count = histogram.getTotalCount();
        double seconds = count == 0 ? 0 : Math.max(1, lastResult - firstSent) / 1000.0;
        return new LatencySummary(count, lost, duplicated, count == 0 ? 0 : histogram.getMinValue(), histogram.getMaxValue(),
                count == 0 ? 0 : histogram.getMean(), at(histogram, 50), at(histogram, 75), at(histogram, 90), at(histogram, 95),
                at(histogram, 99), at(histogram, 99.9), count == 0 ? 0 : count / seconds);
    }

    private static long at(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    /** Rows for a table: name and value, in a fixed order. */
    public Map<String, Number> rows() {
        Map<String, Number> rows = new LinkedHashMap<>();
        rows.put("count", count);
        rows.put("lost", lost);
        rows.put("duplicated", duplicated);
        rows.put("min ms", min);
        rows.put("mean ms", Math.round(mean * 10) / 10.0);
        rows.put("p50 ms", p50);
        rows.put("p75 ms", p75);
        rows.put("p90 ms", p90);
        rows.put("p95 ms", p95);
        rows.put("p99 ms", p99);
        rows.put("p99.9 ms", p999);
        rows.put("max ms", max);
        rows.put("throughput msg/s", Math.round(throughputPerSecond));
        return rows;
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        rows().forEach((name, value) -> out.append(String.format("%-18s %,14.1f%n", name, value.doubleValue())));
        return out.toString();
    }
}
