package dev.thestack.services.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.awslocal.StandardOutput;
import dev.thestack.services.awslocal.ApiGatewayEvents;
import dev.thestack.services.awslocal.TestLambdaContext;
import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Lambda handler in front of the router, over HTTP to the loopback subgraphs. */
class RouterHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LoopbackSubgraphs SUBGRAPHS = new LoopbackSubgraphs();
    private static final RouterHandler HANDLER = new RouterHandler(withEnvironment("STACK_ENVIRONMENT", "prod"));

    @AfterAll
    static void stop() {
        SUBGRAPHS.close();
    }

    private static Map<String, String> withEnvironment(String name, String value) {
        Map<String, String> environment = new HashMap<>(SUBGRAPHS.environment());
        environment.put(name, value);
        return environment;
    }

    private static APIGatewayProxyRequestEvent post(Map<String, String> headers, String body) {
        return ApiGatewayEvents.jsonPost(headers, body);
    }

    private static StandardOutput.Captured<APIGatewayProxyResponseEvent> call(APIGatewayProxyRequestEvent event) {
        return StandardOutput.capture(() -> HANDLER.handleRequest(event, new TestLambdaContext()));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The EMF documents printed that hold the metric. */
    private static List<JsonNode> emf(List<String> lines, String metric) {
        return lines.stream().filter(line -> line.startsWith("{")).map(RouterHandlerTest::json)
                .filter(document -> document.has("_aws") && document.has(metric)).toList();
    }

    private static List<String> dimensions(JsonNode document) {
        return StreamSupport.stream(document.path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions").path(0)
                .spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void answersAnOperationAndEmitsOperationAndSubgraphMetrics() {
        StandardOutput.Captured<APIGatewayProxyResponseEvent> captured = call(post(
                Map.of("x-tenant-id", "t1", "x-user-id", "u1"),
                "{\"query\": \"query Mine { me { id todos { title canAttach } } }\", \"operationName\": \"Mine\"}"));

        assertThat(captured.result().getStatusCode()).isEqualTo(200);
        assertThat(json(captured.result().getBody())).isEqualTo(json("""
                {"data": {"me": {"id": "u1", "todos": [{"title": "Write the plan", "canAttach": true},
                                                       {"title": "Ship it", "canAttach": false}]}}}"""));
        List<JsonNode> latency = emf(captured.lines(), "OperationLatency");
        assertThat(latency).hasSize(1);
        assertThat(latency.get(0).path("Operation").asText()).isEqualTo("Mine");
        assertThat(dimensions(latency.get(0))).containsExactly("Service", "Environment", "Operation");
        assertThat(emf(captured.lines(), "SubgraphLatency")).extracting(document -> document.path("Subgraph").asText())
                .containsExactlyInAnyOrder("todo", "media");
        assertThat(emf(captured.lines(), "OperationErrors")).isEmpty();
        assertThat(SUBGRAPHS.headersReceivedBy("media")).containsEntry("x-tenant-id", "t1").containsEntry("x-user-id", "u1");
    }

    @Test
    void aPlanCacheMissIsCountedOnTheFirstRequestOfAnOperationOnly() {
        RouterHandler handler = new RouterHandler(SUBGRAPHS.environment());
        APIGatewayProxyRequestEvent event = post(Map.of("x-tenant-id", "t1"), "{\"query\": \"{ todos { id } }\"}");

        List<String> first = StandardOutput.capture(() -> handler.handleRequest(event, new TestLambdaContext())).lines();
        List<String> second = StandardOutput.capture(() -> handler.handleRequest(event, new TestLambdaContext())).lines();

        assertThat(emf(first, "QueryPlanCacheMisses")).hasSize(1)
                .allSatisfy(document -> assertThat(document.path("QueryPlanCacheMisses").asDouble()).isEqualTo(1.0));
        assertThat(emf(second, "QueryPlanCacheMisses")).isEmpty();
    }

    @Test
    void aRequestWithoutTenantIsRefusedBeforeAnySubgraphIsAsked() {
        APIGatewayProxyResponseEvent response = call(post(Map.of(), "{\"query\": \"{ todos { id } }\"}")).result();

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response.getBody()).path("errors").path(0).path("message").asText()).contains("x-tenant-id");
    }

    @Test
    void malformedJsonAndWrongMethodsGetTheirHttpStatus() {
        APIGatewayProxyResponseEvent broken = call(post(Map.of("x-tenant-id", "t1"), "{\"query\": ")).result();
        assertThat(broken.getStatusCode()).isEqualTo(400);
        assertThat(broken.getBody()).contains("not valid JSON");

        APIGatewayProxyResponseEvent get = call(post(Map.of("x-tenant-id", "t1"), "{}").withHttpMethod("GET")).result();
        assertThat(get.getStatusCode()).isEqualTo(405);
    }

    @Test
    void introspectionIsOffInProductionAndOnElsewhere() {
        String introspection = "{\"query\": \"{ __schema { queryType { name } } }\"}";

        assertThat(call(post(Map.of("x-tenant-id", "t1"), introspection)).result().getStatusCode()).isEqualTo(400);

        RouterHandler development = new RouterHandler(withEnvironment("STACK_ENVIRONMENT", "dev"));
        APIGatewayProxyResponseEvent response = StandardOutput.capture(() -> development.handleRequest(
                post(Map.of("x-tenant-id", "t1"), introspection), new TestLambdaContext())).result();
        assertThat(json(response.getBody())).isEqualTo(json("{\"data\": {\"__schema\": {\"queryType\": {\"name\": \"Query\"}}}}"));
    }

    @Test
    void aFailingSubgraphCountsAsAnOperationAndSubgraphError() {
        try (LoopbackSubgraphs broken = new LoopbackSubgraphs()) {
            broken.answer("media", 500, "<html>down</html>");
            RouterHandler failing = new RouterHandler(broken.environment());
            StandardOutput.Captured<APIGatewayProxyResponseEvent> captured = StandardOutput.capture(() -> failing.handleRequest(
                    post(Map.of("x-tenant-id", "t1"), "{\"query\": \"{ attachment(id: \\\"a1\\\") { id } }\"}"),
                    new TestLambdaContext()));

            assertThat(captured.result().getStatusCode()).isEqualTo(200);
            assertThat(captured.result().getBody()).doesNotContain("<html>");
            assertThat(emf(captured.lines(), "SubgraphErrors")).extracting(document -> document.path("Subgraph").asText())
                    .containsExactly("media");
            assertThat(emf(captured.lines(), "OperationErrors")).hasSize(1);
            assertThat(emf(captured.lines(), "GraphQLErrors")).hasSize(1);
        }
    }

    @Test
    void missingOrBrokenConfigurationIsNamedWithItsFix() {
        assertThatThrownBy(() -> new RouterHandler(Map.of("SUBGRAPH_URL_TODO", "http://127.0.0.1:1/todo")))
                .hasMessageContaining("SUBGRAPH_URL_MEDIA is not set");
        assertThatThrownBy(() -> new RouterHandler(withEnvironment("ROUTER_FETCH_TIMEOUT_MS", "soon")))
                .hasMessage("Environment variable ROUTER_FETCH_TIMEOUT_MS must be a positive number of milliseconds"
                        + " (such as 5000), was 'soon'");
        assertThatThrownBy(() -> new RouterHandler(withEnvironment("SUBGRAPH_TIMEOUT_MS_MEDIA", "-1")))
                .hasMessage("Environment variable SUBGRAPH_TIMEOUT_MS_MEDIA must be a positive number of milliseconds"
                        + " (such as 5000), was '-1'");
    }

    @Test
    void aSubgraphInvokedAsAFunctionIsATracedCallOfTheRequest() throws Exception {
        List<String> invoked = new CopyOnWriteArrayList<>();
        List<String> traceHeaders = new CopyOnWriteArrayList<>();
        HttpServer lambdaApi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        lambdaApi.createContext("/2015-03-31/functions/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                invoked.add(exchange.getRequestURI().getPath());
                traceHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id")));
                byte[] payload = JSON.writeValueAsBytes(Map.of("statusCode", 200,
                        "headers", Map.of("Content-Type", "application/json"),
                        "body", "{\"data\":{\"todos\":[{\"id\":\"t-1\"}]}}"));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, payload.length);
                exchange.getResponseBody().write(payload);
            }
        });
        lambdaApi.start();
        Segment segment = AWSXRay.beginSegment("router-test");
        try {
            RouterHandler handler = new RouterHandler(Map.of(
                    "SUBGRAPH_URL_TODO", "lambda:todo-live",
                    "SUBGRAPH_URL_MEDIA", "lambda:media-live",
                    RouterHandler.ENV_LAMBDA_ENDPOINT, "http://127.0.0.1:" + lambdaApi.getAddress().getPort(),
                    "AWS_REGION", "eu-west-1",
                    "AWS_ACCESS_KEY_ID", "local",
                    "AWS_SECRET_ACCESS_KEY", "local"));

            APIGatewayProxyResponseEvent response = StandardOutput.capture(() -> handler.handleRequest(
                    post(Map.of("x-tenant-id", "t1"), "{\"query\": \"{ todos { id } }\"}"),
                    new TestLambdaContext())).result();

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(json(response.getBody())).isEqualTo(json("{\"data\": {\"todos\": [{\"id\": \"t-1\"}]}}"));
        } finally {
            AWSXRay.clearTraceEntity();
            lambdaApi.stop(0);
        }

        assertThat(invoked).containsExactly("/2015-03-31/functions/todo-live/invocations");
        assertThat(traceHeaders).singleElement().asString().contains("Root=" + segment.getTraceId());
        List<Subsegment> calls = segment.getSubsegments().stream()
                .flatMap(invocation -> invocation.getSubsegments().stream()).toList();
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.getName()).isEqualTo("Lambda");
            assertThat(call.getAws()).containsEntry("operation", "Invoke");
        });
    }
}
