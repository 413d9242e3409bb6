package dev.thestack.services.router;

/**
 * Where the router reports what it measures; the Lambda handler emits these as the metric contract's
 * OperationLatency/OperationErrors, SubgraphLatency/SubgraphErrors and QueryPlanCacheMisses. Called on the
 * threads that finish the work, so implementations must be thread-safe.
 */
public interface RouterMetrics {
    RouterMetrics NONE = new RouterMetrics() {
    };

    /**
     * @param operationName the client's operation name, or null for an anonymous one
     * @param failed        the response carries an error the client did not cause, or the subgraphs broke
     *                      their schema's promises (a null where none may be)
     */
    default void operation(String operationName, long nanos, boolean failed) {
    }

    /** @param failed no GraphQL response, or one with errors the client did not cause */
    default void subgraphFetch(String subgraph, long nanos, boolean failed) {
    }

    default void planCacheMiss() {
    }
}
