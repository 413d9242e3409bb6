package dev.thestack.services.todo;

import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.awslocal.TestLambdaContext;
import dev.thestack.services.awslocal.StandardOutput;
import dev.thestack.services.graphql.QueryLimits;
import static dev.thestack.services.todo.GraphQLCalls.newTenant;
import static dev.thestack.services.todo.GraphQLCalls.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.todo.GraphQLCalls.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the handler tells CloudWatch and X-Ray: EMF metrics and JSON logs on stdout, annotations and DynamoDB
 * subsegments on the trace. The handler is built as the Lambda runtime builds it, from environment variables.
 */
class TodoHandlerTelemetryTest {
    private static final String TABLE = "todos";
    private static final String ENVIRONMENT = "integration";
    private static final String CREATE = """
            mutation CreateTodo($title: String!) { createTodo(input: {title: $title}) { id } }""";

    @RegisterExtension
    static final DynaliteExtension DYNALITE = DynaliteExtension.withTables(TodoTables.todoTable(TABLE));

    private static TodoHandler handler;

    @BeforeAll
    static void createHandler() {
        handler = new TodoHandler(Map.of(
                TodoHandler.ENV_TABLE_NAME, TABLE,
                DynamoDbClients.ENV_ENDPOINT, DYNALITE.endpoint().toString(),
                "AWS_REGION", DynaliteExtension.REGION.id(),
                "AWS_ACCESS_KEY_ID", "dynalite",
                "AWS_SECRET_ACCESS_KEY", "dynalite",
                MetricContract.ENV_ENVIRONMENT, ENVIRONMENT));
    }

    @Test
    void createdTodoIsCountedWithServiceAndEnvironment() {
        List<JsonNode> printed = invokeCapturingStdout(post(newTenant(), CREATE, Map.of("title", "count me")));

        JsonNode emf = metricEvent(printed, MetricContract.TODO_CREATED.name()).orElseThrow(
                () -> new AssertionError("no EMF line with TodoCreated in " + printed));
        JsonNode directive = emf.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo(MetricContract.NAMESPACE).isEqualTo("TheStack");
        assertThat(directive.path("Metrics")).contains(GraphQLCalls.JSON.valueToTree(
                Map.of("Name", "TodoCreated", "Unit", "Count")));
        assertThat(directive.path("Dimensions")).containsExactly(
                GraphQLCalls.JSON.valueToTree(MetricContract.TODO_CREATED.dimensions()));
        assertThat(emf.path("Service").asText()).isEqualTo("todo");
        assertThat(emf.path("Environment").asText()).isEqualTo(ENVIRONMENT);
        assertThat(emf.path("TodoCreated").asDouble()).isEqualTo(1.0);
        assertThat(metricEvent(printed, MetricContract.GRAPHQL_ERRORS.name())).isEmpty();
    }

    @Test
    void invalidInputIsCountedAsAClientErrorOnlyAndCreatesNothing() {
        List<JsonNode> printed = invokeCapturingStdout(post(newTenant(), CREATE, Map.of("title", "")));

        JsonNode emf = metricEvent(printed, MetricContract.GRAPHQL_CLIENT_ERRORS.name()).orElseThrow(
                () -> new AssertionError("no EMF line with GraphQLClientErrors in " + printed));
        JsonNode directive = emf.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(directive.path("Metrics")).contains(GraphQLCalls.JSON.valueToTree(
                Map.of("Name", "GraphQLClientErrors", "Unit", "Count")));
        assertThat(directive.path("Dimensions")).containsExactly(
                GraphQLCalls.JSON.valueToTree(MetricContract.GRAPHQL_CLIENT_ERRORS.dimensions()));
        assertThat(emf.path("Environment").asText()).isEqualTo(ENVIRONMENT);
        assertThat(emf.path("GraphQLClientErrors").asDouble()).isEqualTo(1.0);
        assertThat(metricEvent(printed, MetricContract.GRAPHQL_ERRORS.name())).isEmpty();
        assertThat(metricEvent(printed, MetricContract.TODO_CREATED.name())).isEmpty();
    }

    @Test
    void everyRequestRefusedBeforeItRanIsAClientError() {
        APIGatewayProxyRequestEvent wrongMethod = post(newTenant(), CREATE, Map.of("title", "x"));
        wrongMethod.setHttpMethod("GET");
        StringBuilder tooComplex = new StringBuilder("{");
        for (int i = 0; i < 30; i++) {
            tooComplex.append("a").append(i).append(": todos { id } ");
        }

        for (APIGatewayProxyRequestEvent refused : List.of(
                GraphQLCalls.postRaw(newTenant(), "not json"),
                GraphQLCalls.postRaw(null, "{\"query\": \"{ todos { id } }\"}"),
                wrongMethod,
                post(newTenant(), "{ todos { color } }", Map.of()),
                post(newTenant(), tooComplex.append("}").toString(), Map.of()))) {
            List<JsonNode> printed = invokeCapturingStdout(refused);

            assertThat(metricEvent(printed, MetricContract.GRAPHQL_CLIENT_ERRORS.name())).as(refused.getBody()).isPresent();
            assertThat(metricEvent(printed, MetricContract.GRAPHQL_ERRORS.name())).as(refused.getBody()).isEmpty();
        }
    }

    @Test
    void operationRefusedByTheLimitsIsStillLoggedByItsName() {
        StringBuilder tooMany = new StringBuilder("query TooMany {");
        for (int i = 0; i < QueryLimits.MAX_ROOT_FIELDS + 1; i++) {
            tooMany.append(" a").append(i).append(": todo(id: \"x\") { id }");
        }

        List<JsonNode> printed = invokeCapturingStdout(post(newTenant(), tooMany.append(" }").toString(), Map.of()));

        assertThat(printed).anySatisfy(line -> {
            assertThat(line.path("message").asText()).isEqualTo("GraphQL request answered with HTTP 400");
            assertThat(line.path("operation").asText()).isEqualTo("TooMany");
        });
    }

    @Test
    void failingDownstreamIsCountedAsAServerErrorOnly() {
        TodoHandler withoutTable = new TodoHandler(Map.of(
                TodoHandler.ENV_TABLE_NAME, "no-such-table",
                DynamoDbClients.ENV_ENDPOINT, DYNALITE.endpoint().toString(),
                "AWS_REGION", DynaliteExtension.REGION.id(),
                "AWS_ACCESS_KEY_ID", "dynalite",
                "AWS_SECRET_ACCESS_KEY", "dynalite",
                MetricContract.ENV_ENVIRONMENT, ENVIRONMENT));

        List<JsonNode> printed = parseJsonLines(StandardOutput.capture(
                () -> GraphQLCalls.call(withoutTable, post(newTenant(), CREATE, Map.of("title", "lost")))).lines());

        JsonNode emf = metricEvent(printed, MetricContract.GRAPHQL_ERRORS.name()).orElseThrow(
                () -> new AssertionError("no EMF line with GraphQLErrors in " + printed));
        JsonNode directive = emf.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(directive.path("Metrics")).contains(GraphQLCalls.JSON.valueToTree(
                Map.of("Name", "GraphQLErrors", "Unit", "Count")));
        assertThat(directive.path("Dimensions")).containsExactly(
                GraphQLCalls.JSON.valueToTree(MetricContract.GRAPHQL_ERRORS.dimensions()));
        assertThat(emf.path("Service").asText()).isEqualTo("todo");
        assertThat(emf.path("GraphQLErrors").asDouble()).isEqualTo(1.0);
        assertThat(metricEvent(printed, MetricContract.GRAPHQL_CLIENT_ERRORS.name())).isEmpty();
    }

    @Test
    void responseWithErrorsOfBothKindsCountsBoth() {
        TodoHandler withoutTable = new TodoHandler(DYNALITE.client(), "no-such-table", ENVIRONMENT);
        String badAndFailing = "{ tooMany: todos(limit: 500) { id } fine: todos { id } }";

        List<JsonNode> printed = parseJsonLines(StandardOutput.capture(
                () -> GraphQLCalls.call(withoutTable, post(newTenant(), badAndFailing, Map.of()))).lines());

        assertThat(metricEvent(printed, MetricContract.GRAPHQL_ERRORS.name())).isPresent();
        assertThat(metricEvent(printed, MetricContract.GRAPHQL_CLIENT_ERRORS.name())).isPresent();
    }

    @Test
    void logLinesAreJsonWithTheRequestIdsTenantAndOperation() {
        String tenant = newTenant();
        APIGatewayProxyRequestEvent event = post(tenant, CREATE, Map.of("title", "log me"));
        TestLambdaContext context = new TestLambdaContext();

        StandardOutput.Captured<Reply> captured = StandardOutput.capture(
                () -> GraphQLCalls.read(handler.handleRequest(event, context)));

        JsonNode logLine = parseJsonLines(captured.lines()).stream()
                .filter(line -> line.has("message") && line.path("loggerName").asText().equals(TodoHandler.class.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no log line of the handler in " + captured.lines()));
        assertThat(logLine.path("level").asText()).isEqualTo("INFO");
        assertThat(logLine.path("correlation_id").asText()).isEqualTo(event.getRequestContext().getRequestId());
        assertThat(logLine.path("function_request_id").asText()).isEqualTo(context.getAwsRequestId());
        assertThat(logLine.path("tenant").asText()).isEqualTo(tenant);
        assertThat(logLine.path("operation").asText()).isEqualTo("CreateTodo");
        assertThat(logLine.path("service").asText()).isEqualTo("todo");
    }

    @Test
    void invocationSubsegmentIsAnnotatedAndDynamoDbCallsAreTraced() {
        String tenant = newTenant();
        // In Lambda the runtime opens the segment; here the test does, and drops it instead of sending it.
        Segment segment = AWSXRay.beginSegment("todo-test");
        Reply reply;
        try {
            reply = GraphQLCalls.call(handler, post(tenant, CREATE, Map.of("title", "trace me")));
        } finally {
            AWSXRay.clearTraceEntity();
        }

        assertThat(reply.status()).isEqualTo(200);
        Subsegment invocation = segment.getSubsegments().stream()
                .filter(subsegment -> subsegment.getName().equals("## handleRequest"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ## handleRequest subsegment"));
        assertThat(invocation.getAnnotations())
                .containsEntry("operation", "CreateTodo")
                .containsEntry("tenant", tenant);
        assertThat(invocation.getMetadata()).isEmpty();
        assertThat(invocation.getSubsegments()).singleElement().satisfies(dynamo -> {
            // the X-Ray interceptor names subsegments after the SDK's service id
            assertThat(dynamo.getName()).isEqualTo("DynamoDb");
            assertThat(dynamo.getAws()).containsEntry("operation", "PutItem").containsEntry("table_name", TABLE);
        });
    }

    @Test
    void missingTableNameFailsAtStartWithTheVariableName() {
        assertThatThrownBy(() -> new TodoHandler(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Environment variable TODO_TABLE_NAME is not set");
    }

    @Test
    void aClientThatCannotBeBuiltFailsTheInitThoughItIsBuiltOnAnotherThread() {
        // the environment as the other tests have it: the metrics, set up before the client is waited for, are
        // Powertools' global state
        assertThatThrownBy(() -> new TodoHandler(Map.of(
                TodoHandler.ENV_TABLE_NAME, TABLE,
                DynamoDbClients.ENV_ENDPOINT, DYNALITE.endpoint().toString(),
                "AWS_REGION", DynaliteExtension.REGION.id(),
                MetricContract.ENV_ENVIRONMENT, ENVIRONMENT)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("No AWS credentials in the environment");
    }

    private static List<JsonNode> invokeCapturingStdout(APIGatewayProxyRequestEvent event) {
        return parseJsonLines(StandardOutput.capture(() -> GraphQLCalls.call(handler, event)).lines());
    }

    private static Optional<JsonNode> metricEvent(List<JsonNode> printed, String metricName) {
        return printed.stream().filter(line -> line.has("_aws") && line.has(metricName)).findFirst();
    }

    private static List<JsonNode> parseJsonLines(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("{")).map(line -> {
            try {
                return GraphQLCalls.JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new AssertionError("stdout line is not JSON: " + line, e);
            }
        }).toList();
    }
}
