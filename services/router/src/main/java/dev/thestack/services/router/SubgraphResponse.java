package dev.thestack.services.router;

import java.util.List;
import java.util.Map;

/**
 * A subgraph's GraphQL response as JSON values (maps, lists, strings, numbers, booleans, null).
 *
 * @param data   the {@code data} member, null when absent or null
 * @param errors the {@code errors} member, empty when absent
 */
public record SubgraphResponse(Map<String, Object> data, List<Map<String, Object>> errors) {
    public SubgraphResponse {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
