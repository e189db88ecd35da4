package dev.sluice.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The live threads of a Linux process as /proc shows them: each thread's name as Linux keeps it (15
 * characters: a JVM keeps a name's first, a native executable its last) and its CPU time. Tests and
 * benchmarks read another process's threads this way; no JDK API reaches them.
 */
public final class LinuxThreads {

    private LinuxThreads() {
    }

    /** A thread: its /proc/PID/task/TID directory and its name. */
    public record Task(Path directory, String name) {

        /** CPU seconds (user + system) the thread has used so far. */
        public double cpuSeconds() throws IOException {
            return LinuxThreads.cpuSeconds(directory.resolve("stat"));
        }
    }

    /** The process's threads now; a thread that ends while listed is left out. Throws when the process cannot be read. */
    public static List<Task> of(long pid) throws IOException {
        List<Task> threads = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    threads.add(new Task(task, Files.readString(task.resolve("comm")).strip()));
                } catch (IOException e) {
                    // The thread ended between listing and reading.
                }
            }
        }
        return threads;
    }

    /** CPU seconds (user + system) from a /proc {@code stat} file, a process's or a thread's. */
    public static double cpuSeconds(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return ticks / 100.0; // USER_HZ is 100 on Linux.
    }
}
