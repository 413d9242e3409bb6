package dev.thestack.services.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GraphQL-over-HTTP messages between the router and a subgraph, whatever carries them (an HTTP POST, or the
 * API Gateway proxy event of a Lambda invoke): the request body, and the reading of the answer.
 */
final class GraphQLOverHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private GraphQLOverHttp() {
    }

    /** {@code {"query": ..., "operationName": ..., "variables": ...}}, without the members that are absent. */
    static byte[] requestBody(SubgraphRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", request.query());
        if (request.operationName() != null) {
            body.put("operationName", request.operationName());
        }
        if (!request.variables().isEmpty()) {
            body.put("variables", request.variables());
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new SubgraphFetchException(request.subgraph(), "cannot write the request as JSON", e);
        }
    }

    /**
     * The subgraph's GraphQL response. A non-2xx answer counts when its body is a GraphQL response with errors
     * (the subgraph refused the request and said why); anything else is a {@link SubgraphFetchException}.
     *
     * @param where the subgraph's address, for the exception's message (logs only)
     */
    @SuppressWarnings("unchecked")
    static SubgraphResponse response(String subgraph, String where, int status, byte[] bytes) {
        Map<String, Object> body;
        try {
            body = JSON.readValue(bytes, Map.class);
        } catch (IOException e) {
            throw new SubgraphFetchException(subgraph, "HTTP " + status + " from " + where + " is not a JSON object", e);
        }
        boolean success = status >= 200 && status < 300;
        Object data = body == null ? null : body.get("data");
        Object errors = body == null ? null : body.get("errors");
        boolean shaped = body != null
                && (data == null || data instanceof Map<?, ?>)
                && (errors == null || (errors instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)))
                && (body.containsKey("data") || errors != null);
        boolean explained = errors instanceof List<?> list && !list.isEmpty();
        if (!shaped || (!success && !explained)) {
            throw new SubgraphFetchException(subgraph, "HTTP " + status + " from " + where + " is not a GraphQL response", null);
        }
        return new SubgraphResponse((Map<String, Object>) data, (List<Map<String, Object>>) errors);
    }
}
