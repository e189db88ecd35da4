package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import dev.sluice.testing.SluiceConfigs;

class KafkaClientSettingsTest {

    private static final Map<String, Object> KAFKA = Map.of("bootstrap.servers", "broker:9092", "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512", "acks", "1", "enable.idempotence", "false", "group.id", "sluice", "linger.ms", "20",
            "not.a.kafka.setting", "x");

    private final KafkaClientSettings settings = new KafkaClientSettings(KAFKA, SluiceConfigs.defaults().producer());

    @Test
    void everyClientGetsTheSecuritySettings() {
        for (Map<String, Object> client : new Map[]{settings.admin("a", 1, 1), settings.consumer("c", null), settings.producer("p", 1)}) {
            assertThat(client).containsEntry("bootstrap.servers", "broker:9092").containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512").doesNotContainKey("not.a.kafka.setting");
        }
    }

    @Test
    void theProducersGuaranteeCannotBeLoosenedByAKafkaProperty() {
        Map<String, Object> producer = settings.producer("sluice-producer", 2_000_000);
        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all").containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000).containsEntry(ProducerConfig.CLIENT_ID_CONFIG,
                        "sluice-producer");
    }

    @Test
    void aKafkaTuningPropertyOverridesSluicesProducerDefault() {
        assertThat(settings.producer("p", 1)).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20");
    }

    @Test
    void aConsumerWithoutAGroupHasNoGroupIdAndReadsCommittedRecordsOnly() {
        Map<String, Object> consumer = settings.consumer("sluice-dev-results", null);
        assertThat(consumer).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }

    @Test
    void aConsumerWithAGroupUsesItsOwnGroup() {
        assertThat(settings.consumer("r", "sluice-dlq-replay")).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "sluice-dlq-replay");
    }

    @Test
    void anAdminClientHasItsOwnIdAndTimeouts() {
        assertThat(settings.admin("sluice-lag-monitor", 10_000, 5_000))
                .containsEntry(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-lag-monitor")
                .containsEntry(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    }
}
