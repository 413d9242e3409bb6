package dev.thestack.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON values (policies, event patterns, manifests) with their object keys sorted. Java's Map.of iterates in an
 * order that changes from one JVM run to the next; handed to CloudFormation as is, the same model would synthesize
 * different templates each time, and every deploy would show a diff.
 */
public final class StableJson {
    private StableJson() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T sorted(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, inner) -> sorted.put(String.valueOf(key), sorted(inner)));
            return (T) sorted;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(StableJson::sorted).toList();
        }
        return value;
    }
}
