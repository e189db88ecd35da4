package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

class SaslJaasConfigSourceTest {

    @Test
    void aPasswordWithQuotesBackslashesAndSemicolonsReachesKafkaWhole() {
        String password = "p\"a;ss\\word\" extra=\"1";
        String jaas = new SaslJaasConfigSource(Map.of("SASL_USERNAME", "svc \"sluice\"", "SASL_PASSWORD", password, "KAFKA_SASL_MECHANISM",
                "SCRAM-SHA-512")).getValue("kafka.sasl.jaas.config");
        java.util.List<AppConfigurationEntry> entries = asKafkaReadsIt(jaas);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(Map.copyOf(entries.get(0).getOptions())).isEqualTo(Map.of("username", "svc \"sluice\"", "password", password));
    }

    @Test
    void thePlainMechanismGetsThePlainLoginModule() {
        String jaas = new SaslJaasConfigSource(Map.of("SASL_USERNAME", "u", "SASL_PASSWORD", "p", "KAFKA_SASL_MECHANISM", "PLAIN"))
                .getValue("kafka.sasl.jaas.config");
        assertThat(asKafkaReadsIt(jaas).get(0).getLoginModuleName())
                .isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule");
    }

    @Test
    void withoutBothCredentialsItSaysNothing() {
        SaslJaasConfigSource source = new SaslJaasConfigSource(Map.of("SASL_USERNAME", "u"));
        assertThat(source.getValue("kafka.sasl.jaas.config")).isNull();
        assertThat(source.getPropertyNames()).isEmpty();
    }

    @Test
    void anExplicitJaasConfigInTheEnvironmentOutranksIt() {
        assertThat(new SaslJaasConfigSource(Map.of()).getOrdinal()).isLessThan(300); // Environment variables: 300.
    }

    /** The login entries the Kafka client reads from this sasl.jaas.config value. */
    private static java.util.List<AppConfigurationEntry> asKafkaReadsIt(String jaas) {
        return JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(jaas))).configurationEntries();
    }
}
