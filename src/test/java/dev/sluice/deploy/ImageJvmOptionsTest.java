package dev.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.sluice.bench.SluiceChild;

/**
 * The JVM image and the Helm chart (whose JAVA_OPTS_APPEND replaces the image's) run the JIT option
 * the benchmarks measured, so a pod warms up as docs/BENCHMARKS.md says.
 */
class ImageJvmOptionsTest {

    private static final Pattern JIT_OPTION = Pattern.compile("-XX:CompileThresholdScaling=\\S+?(?=[\\s\"]|$)");

    @Test
    void theJvmImageAndTheChartRunTheJitOptionTheBenchmarksRun() throws IOException {
        String image = jitOption(Files.readString(Path.of("src/main/docker/Dockerfile.jvm")).lines()
                .filter(line -> line.startsWith("ENV JAVA_OPTS_APPEND=")).findFirst().orElseThrow());
        String chart = jitOption(RenderedChart.render(Map.of()).container().get("env").findValuesAsText("value").stream()
                .filter(value -> value.contains("-XX:")).findFirst().orElseThrow());
        assertThat(image).isEqualTo("-XX:CompileThresholdScaling=3");
        assertThat(chart).isEqualTo(image);
        assertThat(SluiceChild.IMAGE_JIT_OPTION).isEqualTo(image);
    }

    private static String jitOption(String options) {
        Matcher matcher = JIT_OPTION.matcher(options);
        assertThat(matcher.find()).as("a CompileThresholdScaling option in %s", options).isTrue();
        return matcher.group();
    }
}
