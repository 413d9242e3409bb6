package dev.thestack.services.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.fasterxml.jackson.databind.JsonNode;
import dev.thestack.services.awslocal.StandardOutput;
import dev.thestack.services.awslocal.TestLambdaContext;
import dev.thestack.services.contract.MetricContract;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a handler instrumented with this module writes and traces, read from its real stdout (EMF documents and
 * JSON log lines) and its X-Ray subsegment. The only class that invokes a woven handler, because Powertools'
 * cold start is once per JVM: its first test sees it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandlerInstrumentationTest {
    private static final InstrumentedHandler HANDLER = new InstrumentedHandler();
    private static final String TRACE_ROOT = "1-67a1b2c3-0123456789abcdef01234567";

    @Test
    @Order(1)
    void coldStartIsCountedOnceWithServiceAndFunctionName() {
        List<String> first = invoke("GetTodos", metrics -> { });
        List<String> second = invoke("GetTodos", metrics -> { });

        JsonNode coldStart = single(EmfDocuments.withMetric(first, MetricContract.COLD_START.name()));
        JsonNode directive = coldStart.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo(MetricContract.NAMESPACE);
        assertThat(directive.path("Dimensions")).containsExactly(
                EmfDocuments.JSON.valueToTree(MetricContract.COLD_START.dimensions()));
        assertThat(coldStart.path("Service").asText()).isEqualTo(InstrumentedHandler.SERVICE);
        assertThat(coldStart.path("FunctionName").asText()).isEqualTo(TestLambdaContext.FUNCTION_NAME);
        assertThat(coldStart.path("ColdStart").asDouble()).isEqualTo(1.0);
        assertThat(EmfDocuments.withMetric(second, MetricContract.COLD_START.name())).isEmpty();
    }

    @Test
    void countIsFlushedWithTheInvocationUnderServiceAndEnvironment() {
        List<String> printed = invoke("CreateTodo", metrics -> {
            metrics.count(MetricContract.TODO_CREATED);
            metrics.count(MetricContract.GRAPHQL_CLIENT_ERRORS);
        });

        JsonNode document = single(EmfDocuments.withMetric(printed, MetricContract.TODO_CREATED.name()));
        JsonNode directive = document.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("TheStack");
        assertThat(directive.path("Dimensions")).containsExactly(
                EmfDocuments.JSON.valueToTree(List.of("Service", "Environment")));
        assertThat(EmfDocuments.metricNames(document)).containsExactlyInAnyOrder("TodoCreated", "GraphQLClientErrors");
        assertThat(document.path("Service").asText()).isEqualTo(InstrumentedHandler.SERVICE);
        assertThat(document.path("Environment").asText()).isEqualTo(InstrumentedHandler.ENVIRONMENT);
        assertThat(document.path("TodoCreated").asDouble()).isEqualTo(1.0);
        assertThat(document.path("function_request_id").asText()).isNotBlank();
    }

    @Test
    void latencyPerOperationAndSubgraphIsADocumentEachWithExactlyTheContractsDimensions() {
        TestLambdaContext context = new TestLambdaContext();
        List<String> printed = invoke("GetTodos", context, metrics -> {
            metrics.latency(MetricContract.OPERATION_LATENCY, Duration.ofNanos(12_500_000), MetricDimension.operation("GetTodos"));
            metrics.latency(MetricContract.SUBGRAPH_LATENCY, Duration.ofMillis(3), MetricDimension.subgraph("todo"));
            metrics.latency(MetricContract.SUBGRAPH_LATENCY, Duration.ofMillis(4), MetricDimension.subgraph("media"));
        });

        JsonNode operation = single(EmfDocuments.withMetric(printed, MetricContract.OPERATION_LATENCY.name()));
        JsonNode directive = operation.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("TheStack");
        assertThat(directive.path("Metrics")).containsExactly(EmfDocuments.JSON.valueToTree(
                java.util.Map.of("Name", "OperationLatency", "Unit", "Milliseconds")));
        assertThat(directive.path("Dimensions")).containsExactly(
                EmfDocuments.JSON.valueToTree(List.of("Service", "Environment", "Operation")));
        assertThat(operation.path("Operation").asText()).isEqualTo("GetTodos");
        assertThat(operation.path("Environment").asText()).isEqualTo(InstrumentedHandler.ENVIRONMENT);
        assertThat(operation.path("OperationLatency").asDouble()).isEqualTo(12.5);
        // the invocation's request id, so a metric leads to the invocation's logs
        assertThat(operation.path("function_request_id").asText()).isEqualTo(context.getAwsRequestId());

        List<JsonNode> subgraphs = EmfDocuments.withMetric(printed, MetricContract.SUBGRAPH_LATENCY.name());
        assertThat(subgraphs).extracting(document -> document.path("Subgraph").asText()).containsExactly("todo", "media");
        assertThat(subgraphs).allSatisfy(document -> assertThat(
                document.path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions")).containsExactly(
                EmfDocuments.JSON.valueToTree(MetricContract.SUBGRAPH_LATENCY.dimensions())));
        // the invocation's own document carries no metric with extra dimensions
        assertThat(EmfDocuments.of(printed)).filteredOn(document -> document.has("Operation") || document.has("Subgraph"))
                .hasSize(3);
    }

    @Test
    void everyLogLineCarriesRequestIdTraceIdTenantAndOperation() {
        String previous = System.getProperty(TraceHeader.LAMBDA_PROPERTY);
        System.setProperty(TraceHeader.LAMBDA_PROPERTY, "Root=" + TRACE_ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1");
        TestLambdaContext context = new TestLambdaContext();
        List<String> printed;
        try {
            printed = StandardOutput.capture(() -> HANDLER.handleRequest(
                    new InstrumentedHandler.Call("acme", "ListTodos", metrics -> { }), context)).lines();
        } finally {
            restoreProperty(previous);
        }

        JsonNode line = EmfDocuments.jsonLines(printed).stream()
                .filter(json -> InstrumentedHandler.LOG_MESSAGE.equals(json.path("message").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no log line of the handler in " + printed));
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("function_request_id").asText()).isEqualTo(context.getAwsRequestId());
        assertThat(line.path("xray_trace_id").asText()).isEqualTo(TRACE_ROOT);
        assertThat(line.path("tenant").asText()).isEqualTo("acme");
        assertThat(line.path("operation").asText()).isEqualTo("ListTodos");
        assertThat(line.path("service").asText()).isEqualTo(InstrumentedHandler.SERVICE);
        assertThat(line.path("functionName").asText()).isEqualTo(TestLambdaContext.FUNCTION_NAME);
    }

    @Test
    void keysOfOneInvocationDoNotLeakIntoTheNext() {
        invoke("First", metrics -> { });
        List<String> printed = StandardOutput.capture(() -> HANDLER.handleRequest(
                new InstrumentedHandler.Call("acme", null, metrics -> { }), new TestLambdaContext())).lines();

        assertThat(EmfDocuments.jsonLines(printed)).filteredOn(json -> json.has("message"))
                .isNotEmpty()
                .allSatisfy(json -> assertThat(json.has("operation")).as("operation in %s", json).isFalse());
    }

    @Test
    void subsegmentIsAnnotatedAndIsTheParentHandedOn() {
        // in Lambda the runtime opens the segment; here the test does, and drops it instead of sending it
        Segment segment = AWSXRay.beginSegment("instrumentation-test");
        Optional<TraceHeader> handedOn;
        try {
            handedOn = HANDLER.handleRequest(new InstrumentedHandler.Call("acme", "CreateTodo", metrics -> { }),
                    new TestLambdaContext());
        } finally {
            AWSXRay.clearTraceEntity();
        }

        Subsegment invocation = segment.getSubsegments().stream()
                .filter(subsegment -> subsegment.getName().equals("## handleRequest"))
                .findFirst().orElseThrow(() -> new AssertionError("no ## handleRequest subsegment"));
        assertThat(invocation.getAnnotations()).containsEntry("tenant", "acme").containsEntry("operation", "CreateTodo");
        assertThat(handedOn).hasValueSatisfying(trace -> {
            assertThat(trace.root()).isEqualTo(segment.getTraceId().toString());
            assertThat(trace.parent()).isEqualTo(invocation.getId());
            assertThat(trace.sampling()).isEqualTo(TraceHeader.Sampling.SAMPLED);
        });
    }

    private static List<String> invoke(String operation, Consumer<ServiceMetrics> record) {
        return invoke(operation, new TestLambdaContext(), record);
    }

    private static List<String> invoke(String operation, TestLambdaContext context, Consumer<ServiceMetrics> record) {
        return StandardOutput.capture(() -> HANDLER.handleRequest(
                new InstrumentedHandler.Call("acme", operation, record), context)).lines();
    }

    private static JsonNode single(List<JsonNode> documents) {
        assertThat(documents).hasSize(1);
        return documents.get(0);
    }

    private static void restoreProperty(String previous) {
        if (previous == null) {
            System.clearProperty(TraceHeader.LAMBDA_PROPERTY);
        } else {
            System.setProperty(TraceHeader.LAMBDA_PROPERTY, previous);
        }
    }
}
