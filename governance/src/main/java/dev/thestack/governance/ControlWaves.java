package dev.thestack.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Splits the controls to enable into waves no larger than Control Tower's concurrency limit. CloudFormation starts
 * every resource whose dependencies are met, so each wave depends on the whole previous one: at most one wave is
 * in progress, and so at most {@code limit} control operations.
 */
public final class ControlWaves {
    private ControlWaves() {
    }

    /**
     * @param mustFollowEarlierWave items that may not share a wave with any item before them in {@code ordered}
     *                              (a proactive control and the prerequisite it needs enabled first)
     */
    public static <T> List<List<T>> plan(List<T> ordered, int limit, java.util.function.BiPredicate<T, T> mustFollowEarlierWave) {
        if (limit < 1) {
            throw new IllegalArgumentException("the concurrency limit must be at least 1, was " + limit);
        }
        List<List<T>> waves = new ArrayList<>();
        List<T> current = new ArrayList<>();
        for (T item : ordered) {
            Predicate<T> blocks = earlier -> mustFollowEarlierWave.test(item, earlier);
            if (current.size() == limit || current.stream().anyMatch(blocks)) {
                waves.add(current);
                current = new ArrayList<>();
            }
            current.add(item);
        }
        if (!current.isEmpty()) {
            waves.add(current);
        }
        return waves;
    }
}
