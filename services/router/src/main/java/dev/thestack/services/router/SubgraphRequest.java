package dev.thestack.services.router;

import java.util.Map;
import java.util.Objects;

/**
 * One GraphQL request the router sends to a subgraph.
 *
 * @param subgraph      the subgraph's name in the supergraph (join__Graph name, lower case: "todo", "media")
 * @param query         the subgraph operation's document
 * @param variables     only the variables that document uses
 * @param operationName the operation's name, or null
 * @param headers       what the router forwards: identity ({@code x-tenant-id}, {@code x-user-id}) and the
 *                      trace header ({@code X-Amzn-Trace-Id})
 */
public record SubgraphRequest(String subgraph, String query, Map<String, Object> variables, String operationName,
                              Map<String, String> headers) {
    public SubgraphRequest {
        Objects.requireNonNull(subgraph, "subgraph");
        Objects.requireNonNull(query, "query");
        variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
