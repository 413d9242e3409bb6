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

    /**
     * The GraphQL operation a router metric is about: the client's operation name, {@value #ANONYMOUS_OPERATION}
     * for an unnamed one, or {@value #OTHER_OPERATIONS} once an execution environment has seen
     * {@value #MAX_OPERATION_NAMES} distinct names (every distinct value is a CloudWatch metric of its own, paid
     * for, and clients choose the names).
     */
    public static final String DIMENSION_OPERATION = "Operation";
    public static final String ANONYMOUS_OPERATION = "(anonymous)";
    public static final String OTHER_OPERATIONS = "(other)";
    public static final int MAX_OPERATION_NAMES = 100;
    /** The subgraph a router fetch went to: its name in the supergraph ("todo", "media"). */
    public static final String DIMENSION_SUBGRAPH = "Subgraph";

    private static final List<String> SERVICE_AND_ENVIRONMENT = List.of(DIMENSION_SERVICE, DIMENSION_ENVIRONMENT);
    private static final List<String> PER_OPERATION = List.of(DIMENSION_SERVICE, DIMENSION_ENVIRONMENT, DIMENSION_OPERATION);
    private static final List<String> PER_SUBGRAPH = List.of(DIMENSION_SERVICE, DIMENSION_ENVIRONMENT, DIMENSION_SUBGRAPH);

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

    /** The router: from the request's arrival to its response, for one operation (planning and every fetch). */
    public static final MetricDefinition OPERATION_LATENCY = new MetricDefinition(
            "OperationLatency", "Milliseconds", PER_OPERATION,
            "router: time to answer a GraphQL operation");

    /** The router: an operation answered with at least one server-side error (as {@link #GRAPHQL_ERRORS}). */
    public static final MetricDefinition OPERATION_ERRORS = new MetricDefinition(
            "OperationErrors", "Count", PER_OPERATION,
            "router: operations answered with a server-side error");

    /** The router: one fetch from one subgraph, from sending the request to reading its response. */
    public static final MetricDefinition SUBGRAPH_LATENCY = new MetricDefinition(
            "SubgraphLatency", "Milliseconds", PER_SUBGRAPH,
            "router: time one subgraph fetch took");

    /**
     * The router: a subgraph fetch that gave no usable response (timeout, refused, not GraphQL JSON) or answered
     * with errors the client did not cause.
     */
    public static final MetricDefinition SUBGRAPH_ERRORS = new MetricDefinition(
            "SubgraphErrors", "Count", PER_SUBGRAPH,
            "router: subgraph fetches that failed or returned server-side errors");

    /** The router: an operation whose query plan was not in the cache and had to be computed. */
    public static final MetricDefinition QUERY_PLAN_CACHE_MISSES = new MetricDefinition(
            "QueryPlanCacheMisses", "Count", SERVICE_AND_ENVIRONMENT,
            "router: operations planned afresh (not in the plan cache)");

    /** Media: an upload URL handed out by requestUpload. */
    public static final MetricDefinition UPLOADS_REQUESTED = new MetricDefinition(
            "UploadsRequested", "Count", SERVICE_AND_ENVIRONMENT,
            "media: upload URLs handed out");

    /** Media: an upload confirmed by completeUpload whose file matched what was announced. */
    public static final MetricDefinition UPLOADS_COMPLETED = new MetricDefinition(
            "UploadsCompleted", "Count", SERVICE_AND_ENVIRONMENT,
            "media: uploads confirmed and accepted");

    /** Media: a confirmed upload whose stored file was refused (missing, wrong size or type, not decodable). */
    public static final MetricDefinition UPLOADS_REJECTED = new MetricDefinition(
            "UploadsRejected", "Count", SERVICE_AND_ENVIRONMENT,
            "media: uploaded files refused (not what was announced)");

    /** Media: a MediaConvert job created for an uploaded video. */
    public static final MetricDefinition TRANSCODE_JOBS_STARTED = new MetricDefinition(
            "TranscodeJobsStarted", "Count", SERVICE_AND_ENVIRONMENT,
            "media: video transcode jobs created");

    /** Every custom metric, for checks that alarms read only what services emit. */
    public static final List<MetricDefinition> ALL = List.of(COLD_START, GRAPHQL_ERRORS, GRAPHQL_CLIENT_ERRORS, TODO_CREATED,
            OPERATION_LATENCY, OPERATION_ERRORS, SUBGRAPH_LATENCY, SUBGRAPH_ERRORS, QUERY_PLAN_CACHE_MISSES,
            UPLOADS_REQUESTED, UPLOADS_COMPLETED, UPLOADS_REJECTED, TRANSCODE_JOBS_STARTED);

    private MetricContract() {
    }
}
