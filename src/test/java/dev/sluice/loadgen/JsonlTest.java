package dev.sluice.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlTest {

    @TempDir
    Path dir;

    @Test
    void eachMessageIsOneJsonLineWithTheDocumentedFields() throws Exception {
        Path file = dir.resolve("run.jsonl");
        List<MessageOutcome> outcomes = List.of(new MessageOutcome("a", 2, 1, 7, 1000, 1012L, 12L, "positive"),
                new MessageOutcome("b", 0, null, null, 1001, null, null, null));
        Jsonl.write(file, outcomes);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(
                "{\"id\":\"a\",\"producer\":2,\"reader\":1,\"partition\":7,\"sentAt\":1000,\"resultAt\":1012,\"latencyMs\":12,\"label\":\"positive\"}");
        assertThat(Jsonl.read(file)).isEqualTo(outcomes);
    }

    @Test
    void aLineThatIsNotAnOutcomeSaysWhereItIs() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"id\":\"a\",\"producer\":0,\"sentAt\":1}\nnot json\n");
        assertThatThrownBy(() -> Jsonl.read(file)).hasMessageContaining("line 2");
    }

    @Test
    void compareShowsBothRunsAndTheirRatio() throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        Jsonl.write(a, List.of(new MessageOutcome("x", 0, 0, 0, 0, 10L, 10L, "positive")));
        Jsonl.write(b, List.of(new MessageOutcome("x", 0, 0, 0, 0, 20L, 20L, "positive")));
        String table = LoadCli.compare(a, b, List.of("before", "after"));
        assertThat(table).contains("before", "after");
        assertThat(table.lines().filter(l -> l.startsWith("p50 ms")).findFirst().orElseThrow()).endsWith("2.00");
    }

    @Test
    void badArgumentsGetAClearErrorAndANonZeroExit() {
        assertThat(LoadCli.execute("run", "--producers", "3")).isNotZero(); // --bootstrap is missing
        assertThat(LoadCli.execute("percentiles", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
    }
}
