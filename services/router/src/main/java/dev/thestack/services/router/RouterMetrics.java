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
     * @param failed        the response carries errors
     */
    default void operation(String operationName, long nanos, boolean failed) {
    }

    /** @param failed no GraphQL response, or one with errors */
    default void subgraphFetch(String subgraph, long nanos, boolean failed) {
    }

    default void planCacheMiss() {
    }
}
