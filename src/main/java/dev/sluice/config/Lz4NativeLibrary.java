package dev.sluice.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.StartupEvent;

import net.jpountz.util.Native;

/**
 * Loads lz4-java's JNI library, so that Kafka's lz4 codec uses it. lz4-java loads it by itself only
 * when its classes come from the system class loader, and Quarkus runs the application in its own:
 * without this, results were compressed and lz4 requests decompressed by the pure-Java codec, 14 %
 * of sluice's Java samples at saturation, which the JNI one does three to five times as fast
 * (docs/BENCHMARKS.md, {@code Lz4CodecBenchmark}). Kafka's lz4 streams choose their codec once, when
 * their classes initialize, so this runs before anything else at start. Gauge {@code sluice_lz4_native}
 * is 1 while the library is loaded: lz4-java's fastest codec is then the JNI one.
 */
@ApplicationScoped
public class Lz4NativeLibrary {

    private static final Logger LOG = Logger.getLogger(Lz4NativeLibrary.class);

    void load(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start, SluiceConfig config, MeterRegistry registry) {
        if (config.lz4Native() && ImageMode.current() != ImageMode.NATIVE_RUN) {
            try {
                Native.load(); // Extracts the library for this platform from lz4-java's jar into java.io.tmpdir.
            } catch (LinkageError | RuntimeException e) {
                LOG.infof("lz4 stays on lz4-java's pure-Java codec: its JNI library did not load (%s)", e.toString());
            }
        }
        Gauge.builder("sluice.lz4.native", () -> Native.isLoaded() ? 1 : 0)
                .description("1 when Kafka's lz4 codec uses lz4-java's JNI library, 0 for its pure-Java codec").register(registry);
    }
}
