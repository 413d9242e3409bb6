package dev.thestack.services.router;

import dev.thestack.services.router.supergraph.Subgraph;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How long the router waits for each subgraph's answer before the fetch counts as failed: one wait for all, and a
 * longer one where a subgraph needs it (Media's completeUpload reads and resizes images of up to 20 MiB).
 *
 * @param fallback   for every subgraph not in {@code bySubgraph}
 * @param bySubgraph by the subgraph's name in the supergraph
 */
public record FetchTimeouts(Duration fallback, Map<String, Duration> bySubgraph) {
    /** The wait for every subgraph, in milliseconds. */
    public static final String ENV_FETCH_TIMEOUT_MS = "ROUTER_FETCH_TIMEOUT_MS";
    /** {@code SUBGRAPH_TIMEOUT_MS_MEDIA} for subgraph "media": its own wait, in milliseconds. */
    public static final String ENV_SUBGRAPH_TIMEOUT_PREFIX = "SUBGRAPH_TIMEOUT_MS_";
    public static final Duration DEFAULT = Duration.ofSeconds(5);

    public FetchTimeouts {
        requirePositive(fallback, "the fetch timeout");
        bySubgraph.forEach((subgraph, timeout) -> requirePositive(timeout, "the fetch timeout of " + subgraph));
        bySubgraph = Map.copyOf(bySubgraph);
    }

    /** The same wait for every subgraph. */
    public static FetchTimeouts of(Duration timeout) {
        return new FetchTimeouts(timeout, Map.of());
    }

    /**
     * {@value #ENV_FETCH_TIMEOUT_MS} (default 5000) and, for a subgraph that needs another,
     * {@value #ENV_SUBGRAPH_TIMEOUT_PREFIX}NAME; a value that is no positive number of milliseconds is refused,
     * naming the variable.
     */
    public static FetchTimeouts fromEnvironment(List<Subgraph> subgraphs, Map<String, String> environment) {
        Duration fallback = environment.containsKey(ENV_FETCH_TIMEOUT_MS)
                ? millis(environment, ENV_FETCH_TIMEOUT_MS) : DEFAULT;
        Map<String, Duration> bySubgraph = new LinkedHashMap<>();
        for (Subgraph subgraph : subgraphs) {
            String variable = variable(subgraph.name());
            if (environment.containsKey(variable)) {
                bySubgraph.put(subgraph.name(), millis(environment, variable));
            }
        }
        return new FetchTimeouts(fallback, bySubgraph);
    }

    /** {@code SUBGRAPH_TIMEOUT_MS_MEDIA} for "media". */
    public static String variable(String subgraph) {
        return ENV_SUBGRAPH_TIMEOUT_PREFIX + subgraph.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    public Duration of(String subgraph) {
        return bySubgraph.getOrDefault(subgraph, fallback);
    }

    private static Duration millis(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        try {
            long millis = Long.parseLong(value.strip());
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below with the fix
        }
        throw new IllegalStateException("Environment variable " + variable + " must be a positive number of"
                + " milliseconds (such as 5000), was '" + value + "'");
    }

    private static void requirePositive(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + timeout);
        }
    }
}
