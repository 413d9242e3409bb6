package dev.thestack.services.graphql;

import graphql.ExecutionResult;

/**
 * A GraphQL request after execution.
 *
 * @param operationName the operation that ran, or that the client named; null for an anonymous one
 */
public record ExecutedRequest(ExecutionResult result, String operationName) {
    public static final String ANONYMOUS = "anonymous";

    /** How logs and traces name the operation. */
    public String operationLabel() {
        return operationName == null || operationName.isBlank() ? ANONYMOUS : operationName;
    }
}
