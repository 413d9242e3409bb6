package dev.thestack.services.todo;

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
    void responseWithErrorsIsCountedAndCreatesNothing() {
        List<JsonNode> printed = invokeCapturingStdout(post(newTenant(), CREATE, Map.of("title", "")));

        JsonNode emf = metricEvent(printed, MetricContract.GRAPHQL_ERRORS.name()).orElseThrow(
                () -> new AssertionError("no EMF line with GraphQLErrors in " + printed));
        assertThat(emf.path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions")).containsExactly(
                GraphQLCalls.JSON.valueToTree(MetricContract.GRAPHQL_ERRORS.dimensions()));
        assertThat(emf.path("GraphQLErrors").asDouble()).isEqualTo(1.0);
        assertThat(metricEvent(printed, MetricContract.TODO_CREATED.name())).isEmpty();
    }

    @Test
    void badRequestIsCountedAsAnErrorResponse() {
        List<JsonNode> printed = invokeCapturingStdout(GraphQLCalls.postRaw(newTenant(), "not json"));

        assertThat(metricEvent(printed, MetricContract.GRAPHQL_ERRORS.name())).isPresent();
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
