package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sluice.model.onnx.group-size} reaches the model in the runnable jar: a group size that
 * cannot work stops start-up with the property named, rather than a model that never scores.
 */
class OnnxGroupSizeIT {

    @RegisterExtension
    final BrokerPerTest broker = new BrokerPerTest();

    @Test
    void aGroupSizeBelowOneStopsTheJarNamingTheProperty() throws Exception {
        try (SluiceProcess sluice = SluiceProcess.start(broker.bootstrap(),
                Map.of("SLUICE_MODEL_KIND", "onnx", "SLUICE_MODEL_ONNX_GROUP_SIZE", "0"))) {
            assertThat(sluice.awaitExit(2, TimeUnit.MINUTES)).as(sluice.log()).isEqualTo(1);
            assertThat(sluice.log()).contains("sluice.model.onnx.group-size must be at least 1, got 0");
        }
    }
}
