package dev.thestack.services.router.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors the router reports for a subgraph, shaped as {@code @apollo/gateway} 2.x shapes them: the subgraph's
 * message and extensions, {@code extensions.serviceName} added, and {@code extensions.code}
 * {@value #DOWNSTREAM_SERVICE_ERROR} unless the subgraph gave a code. Locations are dropped: they point into the
 * subgraph's document, which the client never saw.
 */
public final class SubgraphErrors {
    public static final String DOWNSTREAM_SERVICE_ERROR = "DOWNSTREAM_SERVICE_ERROR";
    public static final String SERVICE_NAME = "serviceName";

    private SubgraphErrors() {
    }

    /** @param path the error's path in the client's response, or null */
    static Map<String, Object> fromSubgraph(String subgraph, Object error, List<Object> path) {
        Map<?, ?> fields = error instanceof Map<?, ?> map ? map : Map.of();
        String message = fields.get("message") instanceof String text && !text.isEmpty()
                ? text : "Error while fetching subquery from service \"" + subgraph + "\"";
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (fields.get("extensions") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> extensions.put(String.valueOf(key), value));
        }
        extensions.put(SERVICE_NAME, subgraph);
        extensions.putIfAbsent("code", DOWNSTREAM_SERVICE_ERROR);
        return error(message, path, extensions);
    }

    /**
     * A fetch that got no GraphQL response (timeout, refused connection, a body that is not one). The cause stays
     * in the logs: its text names hosts, ports and parser internals.
     */
    static Map<String, Object> noAnswer(String subgraph, boolean timedOut) {
        String message = timedOut
                ? "Service \"" + subgraph + "\" did not answer in time"
                : "Service \"" + subgraph + "\" did not give a valid GraphQL response";
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put(SERVICE_NAME, subgraph);
        extensions.put("code", DOWNSTREAM_SERVICE_ERROR);
        return error(message, null, extensions);
    }

    private static Map<String, Object> error(String message, List<Object> path, Map<String, Object> extensions) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (path != null) {
            error.put("path", new ArrayList<>(path));
        }
        error.put("extensions", extensions);
        return error;
    }
}
