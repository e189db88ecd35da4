package dev.sluice.config;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * {@code kafka.sasl.jaas.config} from the environment variables {@code SASL_USERNAME} and
 * {@code SASL_PASSWORD} (the Helm chart maps them from a Secret) and {@code KAFKA_SASL_MECHANISM},
 * each value quoted for JAAS, so that a password with {@code "}, {@code \} or {@code ;} stays one
 * value instead of breaking or extending the line (the chart used to paste it into the line). Its
 * ordinal is below environment variables and system properties: an explicit
 * {@code KAFKA_SASL_JAAS_CONFIG} wins.
 */
public final class SaslJaasConfigSource implements ConfigSource {

    static final String PROPERTY = "kafka.sasl.jaas.config";
    private static final int BELOW_ENVIRONMENT = 250;

    private final Map<String, String> environment;

    public SaslJaasConfigSource() {
        this(System.getenv());
    }

    SaslJaasConfigSource(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Set<String> getPropertyNames() {
        return jaas() == null ? Set.of() : Set.of(PROPERTY);
    }

    @Override
    public String getValue(String name) {
        return PROPERTY.equals(name) ? jaas() : null;
    }

    @Override
    public String getName() {
        return "sluice SASL credentials (SASL_USERNAME, SASL_PASSWORD)";
    }

    @Override
    public int getOrdinal() {
        return BELOW_ENVIRONMENT;
    }

    private String jaas() {
        String username = environment.get("SASL_USERNAME");
        String password = environment.get("SASL_PASSWORD");
        if (username == null || password == null) {
            return null;
        }
        String module = "PLAIN".equalsIgnoreCase(environment.getOrDefault("KAFKA_SASL_MECHANISM", ""))
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=" + quoted(username) + " password=" + quoted(password) + ";";
    }

    /** A JAAS quoted string: Kafka's parser reads backslash escapes inside double quotes. */
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
