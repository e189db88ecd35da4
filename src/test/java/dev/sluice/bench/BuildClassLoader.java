package dev.sluice.bench;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One build's classes (its {@code target/classes} directory or application jar) and the shared
 * dependency jars in a class loader of their own: two builds compared in one JVM each get their own
 * classes, so their own JIT-compiled code.
 */
final class BuildClassLoader {

    private BuildClassLoader() {
    }

    /** A build that needs nothing beyond the JDK (a class that uses no library). */
    static ClassLoader of(Path build) throws IOException {
        return new URLClassLoader(new URL[]{build.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    /**
     * {@code dependencies}: a directory of jars, {@code target/quarkus-app/lib/main} (sluice's own
     * left out); the few Quarkus keeps in {@code lib/boot} beside it (jboss-logging) are added too.
     */
    static ClassLoader of(Path build, Path dependencies) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(build.toUri().toURL());
        Path boot = dependencies.resolveSibling("boot");
        for (Path directory : Files.isDirectory(boot) ? List.of(dependencies, boot) : List.of(dependencies)) {
            try (Stream<Path> jars = Files.list(directory)) {
                for (Path jar : jars.filter(p -> !p.getFileName().toString().startsWith("dev.sluice")).toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
