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

    /** A GraphQL response that carried at least one error, whatever the cause. */
    public static final MetricDefinition GRAPHQL_ERRORS = new MetricDefinition(
            "GraphQLErrors", "Count", SERVICE_AND_ENVIRONMENT,
            "GraphQL responses with at least one error");

    /** A todo written by the createTodo mutation. */
    public static final MetricDefinition TODO_CREATED = new MetricDefinition(
            "TodoCreated", "Count", SERVICE_AND_ENVIRONMENT,
            "todos created");

    /** Every custom metric, for checks that alarms read only what services emit. */
    public static final List<MetricDefinition> ALL = List.of(COLD_START, GRAPHQL_ERRORS, TODO_CREATED);

    private MetricContract() {
    }
}
