package dev.thestack.services.router;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A least-recently-used map of at most a fixed number of entries, safe for concurrent use. */
final class BoundedCache<K, V> {
    private final Map<K, V> entries;

    BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1, was " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The cached value, or the computed one. Computed outside the lock, so two threads may compute the same value
     * once each; both are equal, and no request waits for another's planning.
     */
    V get(K key, Function<K, V> compute, Runnable onMiss) {
        synchronized (entries) {
            V cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        onMiss.run();
        V computed = compute.apply(key);
        synchronized (entries) {
            entries.put(key, computed);
        }
        return computed;
    }
}
