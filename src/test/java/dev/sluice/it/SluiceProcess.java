package dev.sluice.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * sluice's runnable jar in a child JVM, as users run it, against the test broker. {@link #kill()}
 * is SIGKILL (a crash), {@link #terminate()} is SIGTERM (a clean shutdown).
 */
public final class SluiceProcess implements AutoCloseable {

    /**
     * The environment with a 15 s consumer session, for tests that kill instances: a killed
     * consumer's partitions go to its successor once the broker stops hearing from it, after Kafka's
     * default of 45 s. 15 s still holds five heartbeats (3 s apart), so a live instance is not
     * dropped, and takes 90 s off each test that kills three times. Not for tests that stop the
     * broker, whose consumers cannot heartbeat meanwhile.
     */
    public static Map<String, String> withFastCrashDetection(Map<String, String> environment) {
        Map<String, String> out = new java.util.HashMap<>(environment);
        out.put("KAFKA_SESSION_TIMEOUT_MS", "15000");
        return out;
    }

    private final Process process;
    private final File log;

    private SluiceProcess(Process process, File log) {
        this.process = process;
        this.log = log;
    }

    public static SluiceProcess start(String bootstrap, Map<String, String> environment) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("run ./mvnw package first");
        }
        File log = File.createTempFile("sluice-it-", ".log");
        log.deleteOnExit();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
        builder.environment().putAll(environment);
        return new SluiceProcess(builder.start(), log);
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the process to finish its shutdown; returns its exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("sluice did not stop within 60 s of SIGTERM; log: " + log);
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; returns its exit status, or -1 if it is still running. */
    public int awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit) ? process.exitValue() : -1;
    }

    /**
     * The ports the instance listens on (HTTP API, management), read from its start-up line; needs
     * {@code QUARKUS_LOG_CATEGORY__IO_QUARKUS__LEVEL=INFO} when the root level is above INFO.
     */
    public int[] ports() {
        java.util.regex.Matcher matcher = java.util.regex.Pattern
                .compile("Listening on: http://[^:]+:(\\d+)\\. Management interface listening on http://[^:]+:(\\d+)").matcher(log());
        return matcher.find() ? new int[]{Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))} : null;
    }

    /** A thread dump of the running process ({@code jcmd Thread.print}). */
    public String threadDump() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return dump;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log.toPath());
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        log.delete();
    }
}
