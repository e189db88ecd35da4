package dev.sluice.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sluice.testing.LinuxThreads;

/**
 * sluice's runnable jar in a child JVM, as a benchmark runs it: its own environment, free HTTP and
 * management ports, and readings of its CPU time (from /proc) and of the bytes it allocated (from
 * its Micrometer JVM metrics), so that a benchmark can report per-record costs.
 */
public final class SluiceChild implements AutoCloseable, ProcessCosts {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final File log;
    private final List<Integer> ports;

    private SluiceChild(Process process, File log, List<Integer> ports) {
        this.process = process;
        this.log = log;
        this.ports = ports;
    }

    /**
     * The jar to run: environment variable {@code SLUICE_BENCH_JAR}, default the build's own; a
     * path that does not end in {@code .jar} is a native executable and runs as it is.
     */
    static Path jar() {
        Path jar = Path.of(System.getenv().getOrDefault("SLUICE_BENCH_JAR", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the runnable jar first: ./mvnw package -DskipTests (" + jar + ")");
        }
        return jar;
    }

    /**
     * The JIT option sluice's JVM image and Helm chart run with (ImageRuntimeOptionsTest keeps them equal), so that a benchmark
     * measures what users run; SLUICE_BENCH_JVM_OPTS=-XX:CompileThresholdScaling=1 measures without it.
     */
    public static final String IMAGE_JIT_OPTION = "-XX:CompileThresholdScaling=3";

    /**
     * The garbage collector settings of sluice's JVM image, as its {@code ENV} lines give them to the base image's
     * run-java.sh (ImageRuntimeOptionsTest keeps them equal), so that a benchmark's sluice collects garbage as a pod's does.
     */
    public static final Map<String, String> IMAGE_GC_ENVIRONMENT = Map.of("GC_CONTAINER_OPTIONS", "-XX:+UseG1GC",
            "GC_MIN_HEAP_FREE_RATIO", "40", "GC_MAX_HEAP_FREE_RATIO", "70", "GC_TIME_RATIO", "12", "GC_ADAPTIVE_SIZE_POLICY_WEIGHT", "10");

    /**
     * What the Helm chart passes a native executable in a pod with its default 1 GiB memory limit (ImageRuntimeOptionsTest keeps
     * them equal), so that a benchmark's native sluice collects garbage as a pod's does; SLUICE_BENCH_NATIVE_OPTS replaces them
     * (empty: none).
     */
    public static final List<String> NATIVE_POD_OPTIONS = List.of("-Xms256m");

    /**
     * The JVM options run-java.sh makes of {@link #IMAGE_GC_ENVIRONMENT} (its {@code gc_config}); a collector named in
     * SLUICE_BENCH_JVM_OPTS replaces the image's, since a JVM refuses two, and its other options follow these and win.
     */
    static List<String> imageGcOptions(String extraJvmOptions) {
        List<String> options = new ArrayList<>();
        if (extraJvmOptions == null || !extraJvmOptions.matches(".*-XX:\\+Use\\w+GC.*")) {
            options.add(IMAGE_GC_ENVIRONMENT.get("GC_CONTAINER_OPTIONS"));
        }
        options.add("-XX:MinHeapFreeRatio=" + IMAGE_GC_ENVIRONMENT.get("GC_MIN_HEAP_FREE_RATIO"));
        options.add("-XX:MaxHeapFreeRatio=" + IMAGE_GC_ENVIRONMENT.get("GC_MAX_HEAP_FREE_RATIO"));
        options.add("-XX:GCTimeRatio=" + IMAGE_GC_ENVIRONMENT.get("GC_TIME_RATIO"));
        options.add("-XX:AdaptiveSizePolicyWeight=" + IMAGE_GC_ENVIRONMENT.get("GC_ADAPTIVE_SIZE_POLICY_WEIGHT"));
        return options;
    }

    /** Options from an environment variable, split at white space; none when it is unset or blank. */
    private static List<String> options(String variable) {
        return variable == null || variable.isBlank() ? List.of() : List.of(variable.trim().split("\\s+"));
    }

    static SluiceChild start(Path jar, String bootstrap, Map<String, String> env) throws IOException {
        File log = File.createTempFile("sluice-bench-", ".log");
        List<String> command = new ArrayList<>();
        if (jar.toString().endsWith(".jar")) {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", IMAGE_JIT_OPTION));
            String extraJvmOptions = System.getenv("SLUICE_BENCH_JVM_OPTS"); // e.g. a Flight Recorder setting, for profiling
            command.addAll(imageGcOptions(extraJvmOptions));
            command.addAll(options(extraJvmOptions));
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.add(jar.toAbsolutePath().toString());
            command.addAll(options(System.getenv().getOrDefault("SLUICE_BENCH_NATIVE_OPTS", String.join(" ", NATIVE_POD_OPTIONS))));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        int http = freePort();
        int management = freePort();
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(http));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
        builder.environment().putAll(env);
        return new SluiceChild(builder.start(), log, List.of(management, http)); // Metrics move to the management port when it is on.
    }

    /** CPU seconds (user + system) the child has used so far, from /proc/PID/stat. */
    @Override
    public double cpuSeconds() {
        try {
            return LinuxThreads.cpuSeconds(Path.of("/proc", Long.toString(process.pid()), "stat"));
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds of the child's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"): on
     * two shared cores, compiling sluice's record path takes a fifth to a third of its CPU for the
     * first tens of seconds.
     */
    @Override
    public double compilerCpuSeconds() {
        Map<String, Double> compilers = cpuSecondsOfThreads(name -> name.contains("CompilerThre"));
        return compilers == null ? Double.NaN : compilers.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * CPU seconds of the child's live threads by name with a trailing number dropped, so that the
     * workers, the compiler threads and the GC threads each add up under one name; empty when /proc
     * cannot be read. A thread that ends takes its time with it.
     */
    @Override
    public Map<String, Double> cpuSecondsByThread() {
        Map<String, Double> byThread = cpuSecondsOfThreads(name -> true);
        return byThread == null ? Map.of() : byThread;
    }

    /** By name, numbers dropped, the CPU seconds of the threads whose name passes; null when /proc cannot be read. */
    private Map<String, Double> cpuSecondsOfThreads(java.util.function.Predicate<String> named) {
        Map<String, Double> byThread = new java.util.TreeMap<>();
        try {
            for (LinuxThreads.Task thread : LinuxThreads.of(process.pid())) {
                String name = THREAD_NUMBER.matcher(thread.name()).replaceFirst("");
                if (named.test(name)) {
                    try {
                        byThread.merge(name, thread.cpuSeconds(), Double::sum);
                    } catch (IOException e) {
                        // The thread ended between listing and reading.
                    }
                }
            }
            return byThread;
        } catch (IOException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern THREAD_NUMBER = java.util.regex.Pattern.compile("[-#]?\\d+$");

    /**
     * Bytes the child has allocated so far, as Micrometer's {@code jvm_gc_memory_allocated_bytes_total}
     * counts them (young-generation growth between collections); NaN when the metric cannot be read.
     */
    @Override
    public double allocatedBytes() {
        for (String line : metrics().split("\n")) {
            if (line.startsWith("jvm_gc_memory_allocated_bytes_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    /** The child's Prometheus metrics text, from whichever port serves it; empty when none answers. */
    String metrics() {
        for (int port : ports) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException e) {
                // Not up on this port: try the next.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
        return "";
    }

    /** Resident memory of the child (VmRSS from /proc), in bytes; -1 when it cannot be read. */
    long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** The HTTP status of a GET on the management port (health, metrics); -1 while nothing answers. */
    int managementStatus(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(0) + path)).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the graceful path.
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        log.delete();
    }
}
