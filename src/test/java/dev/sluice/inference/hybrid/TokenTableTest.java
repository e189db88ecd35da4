package dev.sluice.inference.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TokenTableTest {

    @Test
    void everyKeyFindsItsValueAndOthersTheMissingValue() {
        Random random = new Random(7);
        Map<Long, Integer> entries = new HashMap<>();
        while (entries.size() < 3_000) {
            entries.put(random.nextLong(), random.nextInt(11) - 5);
        }
        TokenTable table = new TokenTable(entries);

        entries.forEach((key, value) -> assertThat(table.get(key, 99)).as("key %d", key).isEqualTo(value));
        for (int i = 0; i < 3_000; i++) {
            long other = random.nextLong();
            if (!entries.containsKey(other)) {
                assertThat(table.get(other, 99)).isEqualTo(99);
            }
        }
    }

    @Test
    void keysThatShareASlotAreAllKept() {
        // Equal low and high halves XOR to 0: all of these start probing at slot 0.
        Map<Long, Integer> entries = Map.of(0L, 1, 0x1_0000_0001L, 2, 0x2_0000_0002L, 3, 0x3_0000_0003L, 4);
        TokenTable table = new TokenTable(entries);

        entries.forEach((key, value) -> assertThat(table.get(key, -1)).isEqualTo(value));
        assertThat(table.get(0x4_0000_0004L, -1)).isEqualTo(-1);
    }

    @Test
    void anEmptyTableFindsNothing() {
        assertThat(new TokenTable(Map.of()).get(42L, 0)).isZero();
    }
}
