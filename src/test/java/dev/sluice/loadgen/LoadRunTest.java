package dev.sluice.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sluice.testing.KafkaBrokerResource;

/** The harness against the embedded broker with sluice running. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class LoadRunTest {

    @TempDir
    Path dir;

    @Test
    void theSeedsCoordinatedExampleGetsEveryResultBackAndWritesOneLineEach() throws Exception {
        LoadPlan plan = new LoadPlan(KafkaBrokerResource.bootstrapServers(), "sluice.requests", "sluice.results", 3, 2, 10, 500,
                KeyDistribution.UNIFORM, 100, 1000);
        ResultMatcher matcher = new LoadRunner(plan, Corpus.sentences(), new PrintStream(new ByteArrayOutputStream())).run();
        List<MessageOutcome> outcomes = matcher.outcomes();
        assertThat(outcomes).hasSize(30);
        LatencySummary summary = LatencySummary.of(outcomes, matcher.duplicated());
        System.out.print(summary.table());
        assertThat(summary.lost()).isZero();
        assertThat(summary.duplicated()).isZero();
        assertThat(outcomes).allSatisfy(o -> assertThat(o.label()).isIn("positive", "negative", "neutral"));
        assertThat(outcomes.stream().map(MessageOutcome::reader).distinct()).containsExactlyInAnyOrder(0, 1);
        Path file = dir.resolve("seed.jsonl");
        Jsonl.write(file, outcomes);
        assertThat(Files.readAllLines(file)).hasSize(30);
        assertThat(LatencyPlot.write(java.util.Map.of("seed", outcomes), dir.resolve("seed")))
                .allSatisfy(png -> assertThat(png).isNotEmptyFile());
    }

    @Test
    void readersGiveUpOnThePlansTimerWhenResultsNeverComeAndCountThemLost() throws Exception {
        // Requests go to the dead-letter topic, which nothing turns into results.
        LoadPlan plan = new LoadPlan(KafkaBrokerResource.bootstrapServers(), "sluice.dlq", "sluice.results", 1, 1, 5, 100,
                KeyDistribution.HOT, 10, 1000);
        long start = System.nanoTime();
        ResultMatcher matcher = new LoadRunner(plan, List.of("text"), new PrintStream(new ByteArrayOutputStream())).run();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isBetween(plan.timer().toMillis(), plan.timer().toMillis() + 10_000);
        assertThat(LatencySummary.of(matcher.outcomes(), matcher.duplicated()).lost()).isEqualTo(5);
    }

    @Test
    void anUnreachableBrokerIsAClearError() {
        LoadPlan plan = new LoadPlan("127.0.0.1:1", "sluice.requests", "sluice.results", 1, 1, 1, 0, KeyDistribution.UNIFORM, 1, 100);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LoadRunner(plan, List.of("x"), System.err).run())
                .hasMessageContaining("cannot reach Kafka at 127.0.0.1:1");
    }
}
