package dev.sluice.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.sluice.config.SluiceConfig;
import dev.sluice.record.Label;

class SluiceMetricsTest {

    @Test
    void metersGoStraightToTheOneRegistryBehindAComposite() {
        MeterRegistry prometheus = new SimpleMeterRegistry();
        CompositeMeterRegistry composite = new CompositeMeterRegistry().add(prometheus);
        SluiceMetrics metrics = new SluiceMetrics(composite, config(Map.of()));
        metrics.processed(0, metrics.sentimentCounter("web", Label.POSITIVE), 0, 1);
        assertThat(metrics.registry()).isSameAs(prometheus);
        assertThat(count(prometheus, "web")).isEqualTo(1);
    }

    @Test
    void aCompositeOfSeveralRegistriesKeepsFeedingThemAll() {
        MeterRegistry first = new SimpleMeterRegistry();
        MeterRegistry second = new SimpleMeterRegistry();
        CompositeMeterRegistry composite = new CompositeMeterRegistry().add(first).add(second);
        SluiceMetrics metrics = new SluiceMetrics(composite, config(Map.of()));
        metrics.processed(0, metrics.sentimentCounter("web", Label.POSITIVE), 0, 1);
        assertThat(metrics.registry()).isSameAs(composite);
        assertThat(count(first, "web")).isEqualTo(1);
        assertThat(count(second, "web")).isEqualTo(1);
    }

    @Test
    void aSourceLongerThanTheCapCountsAsOtherAndTakesNoSlot() {
        MeterRegistry registry = new SimpleMeterRegistry();
        SluiceMetrics metrics = new SluiceMetrics(registry, config(Map.of()));
        String huge = "s".repeat(60_000);
        metrics.processed(0, metrics.sentimentCounter(huge, Label.POSITIVE), 0, 1);
        metrics.processed(0, metrics.sentimentCounter("web", Label.POSITIVE), 0, 1);
        assertThat(count(registry, "other")).isEqualTo(1);
        assertThat(count(registry, "web")).isEqualTo(1);
        assertThat(registry.find("sluice.sentiment").meters()).allSatisfy(
                meter -> assertThat(meter.getId().getTag("source")).hasSizeLessThanOrEqualTo(SluiceMetrics.MAX_SOURCE_CHARS));
    }

    @Test
    void withAnAllowlistOnlyListedSourcesGetALabel() {
        MeterRegistry registry = new SimpleMeterRegistry();
        SluiceMetrics metrics = new SluiceMetrics(registry, config(Map.of("sluice.metrics.sources", "web,app")));
        for (int i = 0; i < 30; i++) {
            metrics.processed(0, metrics.sentimentCounter("noise-" + i, Label.NEGATIVE), 0, 1);
        }
        metrics.processed(0, metrics.sentimentCounter("app", Label.NEGATIVE), 0, 1);
        assertThat(count(registry, "app")).isEqualTo(1);
        assertThat(count(registry, "other")).isEqualTo(30);
        assertThat(registry.find("sluice.sentiment").tag("source", "noise-0").counter()).isNull();
    }

    @Test
    void withoutAnAllowlistTheFirstSourcesSeenGetALabelAndTheRestOther() {
        MeterRegistry registry = new SimpleMeterRegistry();
        SluiceMetrics metrics = new SluiceMetrics(registry, config(Map.of()));
        for (int i = 0; i < SluiceMetrics.MAX_SOURCES + 5; i++) {
            metrics.processed(0, metrics.sentimentCounter("source-" + i, Label.NEUTRAL), 0, 1);
        }
        assertThat(count(registry, "source-0")).isEqualTo(1);
        assertThat(registry.find("sluice.sentiment").tag("source", "source-" + SluiceMetrics.MAX_SOURCES).counter()).isNull();
        assertThat(count(registry, "other")).isEqualTo(5);
    }

    private static double count(MeterRegistry registry, String source) {
        return registry.find("sluice.sentiment").tag("source", source).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static SluiceConfig config(Map<String, String> values) {
        // The converter Quarkus registers for durations such as 5ms, as the application reads them.
        return new SmallRyeConfigBuilder().withMapping(SluiceConfig.class)
                .withConverter(java.time.Duration.class, 200, new DurationConverter())
                .withDefaultValues(values).build().getConfigMapping(SluiceConfig.class);
    }
}
