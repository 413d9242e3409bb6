package dev.thestack.services.contract;

import java.util.List;

/**
 * The metric contract: every custom metric a service of The Stack emits, with its namespace and dimensions.
 * Handlers emit exactly these (Powertools EMF); alarms and dashboards read exactly these.
 */
public final class MetricContract {
    /** CloudWatch namespace of every custom metric; Powertools reads it from POWERTOOLS_METRICS_NAMESPACE. */
    public static final String NAMESPACE = "TheStack";

    /** Powertools' own default dimension, filled from POWERTOOLS_SERVICE_NAME. */
    public static final String DIMENSION_SERVICE = "Service";
    /** The environment (prod, integration, dev) the function runs in; from the STACK_ENVIRONMENT variable. */
    public static final String DIMENSION_ENVIRONMENT = "Environment";

    /** Environment variables the deploying construct sets and the handler reads. */
    public static final String ENV_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    public static final String ENV_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
    public static final String ENV_ENVIRONMENT = "STACK_ENVIRONMENT";

    private static final List<String> SERVICE_AND_ENVIRONMENT = List.of(DIMENSION_SERVICE, DIMENSION_ENVIRONMENT);

    /** Emitted by Powertools on the first invocation of each execution environment. */
    public static final MetricDefinition COLD_START = new MetricDefinition(
            "ColdStart", "Count", List.of(DIMENSION_SERVICE, "FunctionName"),
            "an invocation that started a new execution environment");

    /**
     * A GraphQL response with at least one error the service itself is to blame for: an internal server error or
     * a failing downstream (DynamoDB). This is the one to alarm on; what clients get wrong is counted apart, in
     * {@link #GRAPHQL_CLIENT_ERRORS}, so a client sending bad queries cannot page anyone.
     */
    public static final MetricDefinition GRAPHQL_ERRORS = new MetricDefinition(
            "GraphQLErrors", "Count", SERVICE_AND_ENVIRONMENT,
            "GraphQL responses with at least one server-side error (internal error or downstream failure)");

    /**
     * A GraphQL response with at least one error the client is to blame for: a request refused before it ran
     * (any HTTP 4xx: malformed, too large, wrong method or content type, invalid or too costly query) or an
     * argument the resolvers refused (BAD_USER_INPUT). For dashboards; a rise after a client release is theirs.
     */
    public static final MetricDefinition GRAPHQL_CLIENT_ERRORS = new MetricDefinition(
            "GraphQLClientErrors", "Count", SERVICE_AND_ENVIRONMENT,
            "GraphQL requests rejected as invalid (HTTP 4xx, validation, limits, BAD_USER_INPUT)");

    /** A todo written by the createTodo mutation. */
    public static final MetricDefinition TODO_CREATED = new MetricDefinition(
            "TodoCreated", "Count", SERVICE_AND_ENVIRONMENT,
            "todos created");

    /** Every custom metric, for checks that alarms read only what services emit. */
    public static final List<MetricDefinition> ALL = List.of(COLD_START, GRAPHQL_ERRORS, GRAPHQL_CLIENT_ERRORS, TODO_CREATED);

    private MetricContract() {
    }
}
