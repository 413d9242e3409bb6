package dev.thestack.services.todo;

import static dev.thestack.services.graphql.GraphQLHandlers.requiredVariable;

import dev.thestack.services.graphql.SnapStartPriming;
import dev.thestack.services.graphql.EntityIds;
import dev.thestack.services.graphql.GraphQLHandlers;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.graphql.HttpRequirements;
import dev.thestack.services.graphql.QueryLimits;
import dev.thestack.services.graphql.SubgraphInvocation;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.instrumentation.InvocationAnnotations;
import dev.thestack.services.instrumentation.ParallelInit;
import dev.thestack.services.instrumentation.ServiceMetrics;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.tracing.CaptureMode;
import software.amazon.lambda.powertools.tracing.Tracing;

/**
 * The Todo subgraph's Lambda ({@code dev.thestack.services.todo.TodoHandler::handleRequest}) behind API Gateway:
 * GraphQL over HTTP POST of JSON ({@link HttpRequirements}), the tenant from the required {@value TenantId#HEADER}
 * header, the body at most {@value GraphQLRequestParser#MAX_BODY_BYTES} bytes, the operation within
 * {@link QueryLimits}.
 *
 * <p>Environment: {@value #ENV_TABLE_NAME} (required), {@value DynamoDbClients#ENV_ENDPOINT} (optional),
 * {@code STACK_ENVIRONMENT} (default {@value #DEFAULT_ENVIRONMENT}), and Powertools' own
 * {@code POWERTOOLS_SERVICE_NAME} (default {@value #DEFAULT_SERVICE}).
 */
public final class TodoHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    public static final String ENV_TABLE_NAME = "TODO_TABLE_NAME";
    public static final String DEFAULT_ENVIRONMENT = "dev";
    public static final String DEFAULT_SERVICE = "todo";

    private static final Logger LOG = LogManager.getLogger(TodoHandler.class);

    private final TodoSubgraph subgraph;
    private final ServiceMetrics metrics;
    private final GraphQLRequestParser requestParser;
    private final SubgraphInvocation invocation;
    private final ObjectMapper json = new ObjectMapper();
    // CRaC holds its resources weakly: the handler keeps its priming hooks alive
    private final TodoPriming priming;

    /** The Lambda runtime's constructor: one client and schema per execution environment, reused by every call. */
    public TodoHandler() {
        this(System.getenv());
    }

    TodoHandler(Map<String, String> environment) {
        this(environment, requiredVariable(environment, ENV_TABLE_NAME));
    }

    // the table is checked before the client is built, so a function without one is told that first
    private TodoHandler(Map<String, String> environment, String tableName) {
        this(environment, ParallelInit.start("dynamodb-client", () -> DynamoDbClients.fromEnvironment(environment)),
                tableName, environment.getOrDefault(MetricContract.ENV_ENVIRONMENT, DEFAULT_ENVIRONMENT),
                EntityIds.randomUuids(), Clock.systemUTC());
    }

    /** New todos get random UUIDs and the system clock's time, as in production. */
    public TodoHandler(DynamoDbClient dynamo, String tableName, String environmentName) {
        this(dynamo, tableName, environmentName, EntityIds.randomUuids(), Clock.systemUTC());
    }

    /**
     * For tests that need the same answers on every run (comparing two routers on the same subgraphs): the ids
     * of new todos ({@link EntityIds#sequentialPerTenant()}) and the clock {@code createdAt} is read from.
     */
    public TodoHandler(DynamoDbClient dynamo, String tableName, String environmentName, EntityIds entityIds, Clock clock) {
        this(Map.of(), () -> dynamo, tableName, environmentName, entityIds, clock);
    }

    // the client may still be in the making on its own thread while this one builds the schema; the environment
    // says how Lambda initializes the function, and so how to prime
    private TodoHandler(Map<String, String> environment, Supplier<DynamoDbClient> dynamo, String tableName,
                        String environmentName, EntityIds entityIds, Clock clock) {
        String service = System.getenv().getOrDefault(MetricContract.ENV_SERVICE_NAME, DEFAULT_SERVICE);
        this.metrics = new ServiceMetrics(service, environmentName);
        this.subgraph = new TodoSubgraph(new TodoRepository(dynamo, tableName, entityIds, clock), metrics);
        this.requestParser = new GraphQLRequestParser(json);
        this.invocation = new SubgraphInvocation(requestParser, InvocationAnnotations::tenant,
                InvocationAnnotations::operation, LOG);
        // a client that could not be built fails the init, as it did when it was built on this thread
        dynamo.get();
        this.priming = SnapStartPriming.register(new TodoPriming(subgraph, requestParser, json), environment);
    }

    @Override
    // No correlationIdPath (GraphQLHandlers.correlate says why); it would also fail the invocation before this
    // method runs on a header map with a null name (which only a Java caller can build: the runtime reads events
    // from JSON, whose names are never null).
    @Logging(logEvent = false, clearState = true)
    // Powertools would otherwise copy every response, todo titles included, into the trace
    @Tracing(captureMode = CaptureMode.DISABLED)
    @Metrics(namespace = MetricContract.NAMESPACE, captureColdStart = true)
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        GraphQLHandlers.correlate(event);
        GraphQLHttpResponse response = invocation.serve(event,
                (request, tenant, headers) -> subgraph.execute(request, tenant, UserId.optionalFromHeaders(headers)));
        return GraphQLHandlers.answer(response, metrics, LOG, json);
    }
}
