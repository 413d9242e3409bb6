package dev.thestack.services.graphql;

import java.util.Map;

/**
 * The GraphQL-over-HTTP request body.
 *
 * @param variables     never null; empty when the client sent none
 * @param operationName null when the client named none
 */
public record GraphQLRequest(String query, Map<String, Object> variables, String operationName) {
    public GraphQLRequest {
        variables = variables == null ? Map.of() : variables;
    }
}
