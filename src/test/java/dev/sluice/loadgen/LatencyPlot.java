package dev.sluice.loadgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** PNG charts of one or more runs: latency by percentile (log scale) and results per second over time. */
public final class LatencyPlot {

    private static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.9, 99.99};

    private LatencyPlot() {
    }

    /** Writes {@code <out>-latency.png} and {@code <out>-throughput.png}; returns their paths. */
    public static List<Path> write(Map<String, List<MessageOutcome>> runs, Path out) throws IOException {
        XYChart latency = new XYChartBuilder().width(900).height(500).title("End-to-end latency by percentile")
                .xAxisTitle("percentile").yAxisTitle("latency (ms)").build();
        latency.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNW);
        XYChart throughput = new XYChartBuilder().width(900).height(500).title("Results per second")
                .xAxisTitle("seconds since the first send").yAxisTitle("results/s").build();
        throughput.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (Map.Entry<String, List<MessageOutcome>> run : runs.entrySet()) {
            Histogram histogram = new Histogram(3_600_000L, 3);
            long first = Long.MAX_VALUE;
            for (MessageOutcome outcome : run.getValue()) {
                first = Math.min(first, outcome.sentAt());
                if (!outcome.lost()) {
                    histogram.recordValue(Math.max(1, Math.min(outcome.latencyMs(), 3_600_000L)));
                }
            }
            if (histogram.getTotalCount() == 0) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (double p : PERCENTILES) {
                x.add(p);
                y.add((double) Math.max(1, histogram.getValueAtPercentile(p)));
            }
            latency.addSeries(run.getKey(), x, y);
            TreeMap<Long, Integer> perSecond = new TreeMap<>();
            for (MessageOutcome outcome : run.getValue()) {
                if (!outcome.lost()) {
                    perSecond.merge((outcome.resultAt() - first) / 1000, 1, Integer::sum);
                }
            }
            throughput.addSeries(run.getKey(), perSecond.keySet().stream().map(Long::doubleValue).toList(),
                    perSecond.values().stream().map(Integer::doubleValue).toList());
        }
        Path latencyFile = Path.of(out + "-latency.png");
        Path throughputFile = Path.of(out + "-throughput.png");
        BitmapEncoder.saveBitmap(latency, latencyFile.toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(throughput, throughputFile.toString(), BitmapEncoder.BitmapFormat.PNG);
        return List.of(latencyFile, throughputFile);
    }
}
