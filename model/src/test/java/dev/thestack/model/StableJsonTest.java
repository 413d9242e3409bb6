package dev.thestack.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StableJsonTest {
    @Test
    void keysAreSortedAtEveryDepthAndListsKeepTheirOrder() {
        Object sorted = StableJson.sorted(Map.of("b", 1, "a", List.of(Map.of("z", 1, "y", 2), "x"), "c", Map.of("e", 1, "d", 2)));

        assertThat(sorted.toString()).isEqualTo("{a=[{y=2, z=1}, x], b=1, c={d=2, e=1}}");
    }
}
