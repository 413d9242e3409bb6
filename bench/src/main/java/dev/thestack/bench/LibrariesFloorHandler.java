package dev.thestack.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.apollographql.federation.graphqljava.Federation;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.instrumentation.ParallelInit;
import dev.thestack.services.instrumentation.ServiceMetrics;
import dev.thestack.services.todo.DynamoDbClients;
import dev.thestack.services.todo.TodoHandler;
import dev.thestack.services.todo.TodoRepository;
import dev.thestack.services.todo.TodoSubgraph;
import graphql.ExecutionResult;
import graphql.GraphQL;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The second floor of the cold-start benchmark: what the libraries the Todo handler is built on cost when they do
 * the least a request needs, with none of the service's own code on the path. At init it logs one line through
 * Powertools' JSON layout (log4j2), sets up the EMF metrics, builds the DynamoDB client as every handler does
 * (region and credentials from the environment, the URL connection client, X-Ray's interceptor) on a thread of its
 * own, and builds Todo's SDL as a federated schema with no data fetchers; every request makes one GetItem and runs
 * {@code { __typename }}, and one such use runs on a thread of its own once init is done, as the handlers prime on
 * demand. No Powertools aspect is woven in, so it does less than any real handler: a handler built on these
 * libraries cannot start faster than this.
 */
public final class LibrariesFloorHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LogManager.getLogger(LibrariesFloorHandler.class);

    private final ParallelInit<DynamoDbClient> dynamo;
    private final String tableName;
    private final GraphQL graphQL;

    public LibrariesFloorHandler() {
        Map<String, String> environment = System.getenv();
        this.dynamo = ParallelInit.start("dynamodb-client", () -> DynamoDbClients.fromEnvironment(environment));
        this.tableName = environment.get(TodoHandler.ENV_TABLE_NAME);
        new ServiceMetrics(TodoHandler.DEFAULT_SERVICE, environment.getOrDefault(MetricContract.ENV_ENVIRONMENT,
                TodoHandler.DEFAULT_ENVIRONMENT));
        this.graphQL = GraphQL.newGraphQL(Federation.transform(sdl())
                .resolveEntityType(env -> null)
                .fetchEntities(env -> null)
                .build()).build();
        dynamo.get();
        LOG.info("libraries ready");
        Thread priming = new Thread(this::useEachOnce, "priming");
        priming.setDaemon(true);
        priming.start();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        ExecutionResult result = useEachOnce();
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody("{\"data\":" + (result.getErrors().isEmpty() ? "{\"libraries\":\"ready\"}" : "null") + "}");
    }

    private ExecutionResult useEachOnce() {
        dynamo.get().getItem(get -> get.tableName(tableName)
                .key(Map.of(TodoRepository.TENANT_ID, AttributeValue.fromS("bench"),
                        TodoRepository.TODO_ID, AttributeValue.fromS("none"))));
        return graphQL.execute("{ __typename }");
    }

    private static String sdl() {
        try (InputStream in = TodoSubgraph.class.getResourceAsStream(TodoSubgraph.SDL_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
