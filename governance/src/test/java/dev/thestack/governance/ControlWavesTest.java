package dev.thestack.governance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlWavesTest {
    @Test
    void wavesKeepOrderStayWithinTheLimitAndSeparateBlockedPairs() {
        Random random = new Random(42);
        for (int run = 0; run < 500; run++) {
            int limit = 1 + random.nextInt(12);
            List<Integer> items = IntStream.range(0, random.nextInt(60)).boxed().toList();
            // an item divisible by 7 may not share a wave with the item just before it
            List<List<Integer>> waves = ControlWaves.plan(items, limit, (later, earlier) -> later % 7 == 0 && earlier == later - 1);

            assertThat(waves.stream().flatMap(List::stream).toList()).isEqualTo(items);
            assertThat(waves).allSatisfy(w -> assertThat(w).isNotEmpty().hasSizeLessThanOrEqualTo(limit));
            for (List<Integer> wave : waves) {
                assertThat(wave).noneMatch(i -> i % 7 == 0 && wave.contains(i - 1));
            }
            // no wave is cut short without a reason: only full waves or a blocked pair end one
            for (int i = 0; i + 1 < waves.size(); i++) {
                List<Integer> next = waves.get(i + 1);
                assertThat(waves.get(i).size() == limit || next.get(0) % 7 == 0).isTrue();
            }
        }
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> ControlWaves.plan(List.of(1), 0, (a, b) -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
