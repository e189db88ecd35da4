package dev.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.sluice.bench.SluiceChild;

/**
 * The JVM image and the Helm chart (whose JAVA_OPTS_APPEND replaces the image's) run the JIT option
 * and the garbage collector the benchmarks measured, and the chart gives the native executable the
 * heap floor the benchmarks measured, so a pod warms up and pauses as docs/BENCHMARKS.md says.
 */
class ImageRuntimeOptionsTest {

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

    @Test
    void theJvmImageCollectsGarbageAsTheBenchmarksSluiceDoes() throws IOException {
        Map<String, String> imageGc = new TreeMap<>();
        Matcher setting = Pattern.compile("(GC_[A-Z_]+)=\"([^\"]*)\"")
                .matcher(Files.readString(Path.of("src/main/docker/Dockerfile.jvm")).lines()
                        .filter(line -> line.startsWith("ENV GC_")).collect(Collectors.joining(" ")));
        while (setting.find()) {
            imageGc.put(setting.group(1), setting.group(2));
        }
        assertThat(imageGc).containsEntry("GC_CONTAINER_OPTIONS", "-XX:+UseG1GC")
                .isEqualTo(new TreeMap<>(SluiceChild.IMAGE_GC_ENVIRONMENT));
        assertThat(RenderedChart.render(Map.of()).container().get("env").findValuesAsText("name"))
                .as("the chart keeps the image's collector")
                .noneMatch(name -> name.startsWith("GC_"));
    }

    @Test
    void theChartGivesANativePodTheHeapFloorTheBenchmarksNativeSluiceRuns() {
        assertThat(RenderedChart.render(Map.of("image.flavor", "native")).containerArgs()).isEqualTo(SluiceChild.NATIVE_POD_OPTIONS)
                .isNotEmpty();
    }

    @Test
    void theNativeIntegrationTestsRunTheExecutableWithTheChartsPodArguments() throws Exception {
        Matcher podArgs = Pattern.compile("<native.pod.args>([^<]*)</native.pod.args>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(podArgs.find()).as("native.pod.args in pom.xml's native profile").isTrue();
        assertThat(List.of(podArgs.group(1).trim().split("\\s+")))
                .isEqualTo(RenderedChart.render(Map.of("image.flavor", "native")).containerArgs());
    }

    private static String jitOption(String options) {
        Matcher matcher = JIT_OPTION.matcher(options);
        assertThat(matcher.find()).as("a CompileThresholdScaling option in %s", options).isTrue();
        return matcher.group();
    }
}
