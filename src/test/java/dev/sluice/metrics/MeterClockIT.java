package dev.sluice.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

import dev.sluice.testing.Http;
import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.LinuxThreads;

/**
 * The packaged application runs its meters on {@link CachedWallClock}: its refreshing thread is
 * among the running application's threads, read from Linux's /proc (the thread's name, cut to 15
 * characters), since no endpoint says which clock the registry holds.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class MeterClockIT {

    private static final String THREAD = "sluice-wall-clock";

    @Test
    void theRunningApplicationRefreshesTheMetersWallClockOnItsOwnThread() {
        Http.management().get("/q/metrics").then().statusCode(200); // The registry, and so its clock, exists.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(threadNamesOfSluiceProcesses()).as("threads of the running sluice").anyMatch(
                                // Linux keeps 15 characters of a thread's name: the JVM keeps the first, the native executable the last.
                                name -> name.length() >= 15 && (THREAD.startsWith(name) || THREAD.endsWith(name))));
    }

    /** Thread names of the processes running this build's jar or native executable. */
    private static List<String> threadNamesOfSluiceProcesses() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> runsFrom(p, target)).flatMap(MeterClockIT::threadNames).toList();
        }
    }

    private static boolean runsFrom(Path process, Path target) {
        try {
            String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
            return commandLine.contains("quarkus-run.jar") || commandLine.contains(target.resolve("sluice-").toString());
        } catch (IOException e) {
            return false; // A process that ended while listed.
        }
    }

    private static Stream<String> threadNames(Path process) {
        try {
            return LinuxThreads.of(Long.parseLong(process.getFileName().toString())).stream().map(LinuxThreads.Task::name);
        } catch (IOException e) {
            return Stream.empty(); // A process that ended while listed.
        }
    }
}
