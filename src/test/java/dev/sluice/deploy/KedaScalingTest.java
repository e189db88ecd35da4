package dev.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The replicas KEDA would ask for, from the chart's default ScaledObject; the table is in docs/DEPLOY.md. */
class KedaScalingTest {

    private static long[] lag(int partitions, long... withLag) {
        long[] out = new long[partitions];
        System.arraycopy(withLag, 0, out, 0, withLag.length);
        return out;
    }

    @Test
    void theScalerMathReproducesTheWorkedExamplesOfTheKedaNotes() {
        KafkaLagScaling defaults = new KafkaLagScaling(100, 0, false, false, 1, 100);
        assertThat(defaults.desiredReplicas(lag(6, 5000, 5000), 1)).isEqualTo(6);
        assertThat(new KafkaLagScaling(100, 0, true, false, 1, 100).desiredReplicas(lag(6, 5000, 5000), 1)).isEqualTo(100);
        assertThat(new KafkaLagScaling(100, 0, false, true, 1, 100).desiredReplicas(lag(6, 5000, 5000), 1)).isEqualTo(2);
        long[] spread = new long[12];
        Arrays.fill(spread, 87);
        spread[0] = 93;
        assertThat(defaults.desiredReplicas(spread, 10)).isEqualTo(10);
        assertThat(new KafkaLagScaling(100, 10, false, false, 0, 100).desiredReplicas(lag(1, 5), 0)).isZero();
    }

    @Test
    void theChartsDefaultScaledObjectScalesAsTheDeployGuideSays() {
        JsonNode scaledObject = RenderedChart.render(Map.of()).one("ScaledObject").orElseThrow();
        JsonNode trigger = scaledObject.at("/spec/triggers/0/metadata");
        KafkaLagScaling chart = new KafkaLagScaling(trigger.get("lagThreshold").asInt(), trigger.get("activationLagThreshold").asInt(),
                trigger.get("allowIdleConsumers").asBoolean(), trigger.get("limitToPartitionsWithLag").asBoolean(),
                scaledObject.at("/spec/minReplicaCount").asInt(), scaledObject.at("/spec/maxReplicaCount").asInt());
        Object[][] table = {
                {"no lag, 1 running", lag(12), 1, 1},
                {"500 on one partition, 1 running", lag(12, 500), 1, 1},
                {"2,500 over 3 partitions, 1 running", lag(12, 1000, 1000, 500), 1, 3},
                {"12,000 over 12 partitions, 3 running", spreadOver(12, 12_000), 3, 12},
                {"50,000 on 2 partitions, 2 running", lag(12, 25_000, 25_000), 2, 12},
                {"5,000 over 12 partitions, 5 running (within 10%)", spreadOver(12, 5_000), 5, 5},
                {"5,600 over 12 partitions, 5 running", spreadOver(12, 5_600), 5, 6},
        };
        System.out.println("| lag | running | KEDA asks for |");
        for (Object[] row : table) {
            int desired = chart.desiredReplicas((long[]) row[1], (int) row[2]);
            System.out.printf("| %s | %d | %d |%n", row[0], row[2], desired);
            assertThat(desired).as((String) row[0]).isEqualTo(row[3]);
        }
    }

    private static long[] spreadOver(int partitions, long total) {
        long[] out = new long[partitions];
        Arrays.fill(out, total / partitions);
        out[0] += total % partitions;
        return out;
    }
}
