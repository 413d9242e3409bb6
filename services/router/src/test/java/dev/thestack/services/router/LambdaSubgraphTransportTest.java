package dev.thestack.services.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.router.supergraph.Supergraph;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The router invoking subgraph functions through the real Lambda SDK client, against a loopback server that speaks
 * Lambda's Invoke API (POST /2015-03-31/functions/NAME/invocations) and runs the in-process subgraphs as functions
 * behind API Gateway proxy events.
 */
class LambdaSubgraphTransportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Supergraph SUPERGRAPH = Supergraph.fromClasspath();

    private final InProcessSubgraphs subgraphs = new InProcessSubgraphs();
    private final Map<String, Map<String, Object>> events = new ConcurrentHashMap<>();
    private final Map<String, String> brokenFunctions = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpServer lambdaApi;
    private LambdaClient lambda;
    private Router router;

    @BeforeEach
    void start() throws IOException {
        lambdaApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        lambdaApi.createContext("/2015-03-31/functions/", this::invoke);
        lambdaApi.setExecutor(threads);
        lambdaApi.start();
        lambda = LambdaClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + lambdaApi.getAddress().getPort()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        Map<String, URI> urls = SubgraphEndpoints.fromEnvironment(SUPERGRAPH.subgraphs(),
                Map.of("SUBGRAPH_URL_TODO", "lambda:todo-function", "SUBGRAPH_URL_MEDIA", "lambda:media-function"));
        router = Router.builder().supergraph(SUPERGRAPH)
                // the first invoke loads and initializes the SDK's classes, which takes seconds on a busy machine
                .transport(SubgraphEndpoints.transport(urls, FetchTimeouts.of(Duration.ofSeconds(3)), () -> lambda))
                .fetchTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void stop() {
        lambda.close();
        lambdaApi.stop(0);
        threads.shutdownNow();
    }

    @SuppressWarnings("unchecked")
    private void invoke(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String function = path.substring("/2015-03-31/functions/".length(), path.length() - "/invocations".length());
        String subgraph = function.replace("-function", "");
        Map<String, Object> event = JSON.readValue(exchange.getRequestBody(), Map.class);
        events.put(function, event);
        String broken = brokenFunctions.getOrDefault(function, "");
        byte[] payload;
        if (broken.equals("unhandled")) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            payload = "{\"errorMessage\":\"java.lang.OutOfMemoryError at 10.0.3.4\",\"errorType\":\"Error\"}"
                    .getBytes(StandardCharsets.UTF_8);
        } else if (broken.equals("slow")) {
            try {
                Thread.sleep(6_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            payload = "{}".getBytes(StandardCharsets.UTF_8);
        } else if (broken.equals("not-a-proxy-response")) {
            payload = "\"done\"".getBytes(StandardCharsets.UTF_8);
        } else {
            Map<String, Object> body = JSON.readValue((String) event.get("body"), Map.class);
            SubgraphResponse answer = subgraphs.realAnswer(new SubgraphRequest(subgraph, (String) body.get("query"),
                    (Map<String, Object>) body.get("variables"), (String) body.get("operationName"),
                    (Map<String, String>) event.get("headers")));
            Map<String, Object> graphQL = new LinkedHashMap<>();
            graphQL.put("data", answer.data());
            Map<String, Object> proxyResponse = Map.of("statusCode", 200,
                    "headers", Map.of("Content-Type", "application/json"), "body", JSON.writeValueAsString(graphQL));
            payload = JSON.writeValueAsBytes(proxyResponse);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, payload.length);
        exchange.getResponseBody().write(payload);
        exchange.close();
    }

    private GraphQLHttpResponse run(String query) {
        return router.execute(new GraphQLRequest(query, Map.of(), null), Map.of("x-tenant-id", "t1", "x-user-id", "u1"));
    }

    @Test
    void subgraphFunctionsAreInvokedWithProxyEventsAndTheirAnswersJoined() {
        GraphQLHttpResponse response = run("{ todo(id: \"2\") { title canAttach } }");

        assertThat(response.body()).isEqualTo(Map.of("data", Map.of("todo", Map.of("title", "Ship it", "canAttach", false))));
        Map<String, Object> event = events.get("media-function");
        assertThat(event).containsEntry("httpMethod", "POST").containsEntry("isBase64Encoded", false);
        assertThat(event.get("headers")).isEqualTo(Map.of("x-tenant-id", "t1", "x-user-id", "u1",
                "content-type", "application/json"));
        assertThat((String) event.get("body")).contains("_entities").contains("\"done\":true");
    }

    @Test
    void aFunctionErrorIsAMaskedGraphQLError() {
        brokenFunctions.put("todo-function", "unhandled");

        GraphQLHttpResponse response = run("{ todo(id: \"1\") { title } }");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().get("errors")).isEqualTo(List.of(Map.of(
                "message", "Service \"todo\" did not give a valid GraphQL response",
                "extensions", Map.of("serviceName", "todo", "code", "DOWNSTREAM_SERVICE_ERROR"))));
        assertThat(response.body().toString()).doesNotContain("10.0.3.4").doesNotContain("OutOfMemory");
    }

    @Test
    void aPayloadThatIsNoProxyResponseIsRefused() {
        brokenFunctions.put("todo-function", "not-a-proxy-response");

        assertThat(run("{ todo(id: \"1\") { title } }").body().toString())
                .contains("Service \"todo\" did not give a valid GraphQL response");
    }

    @Test
    void anInvokeThatOutlastsTheTimeoutTimesOut() {
        brokenFunctions.put("media-function", "slow");

        GraphQLHttpResponse response = run("{ todo(id: \"1\") { title } attachment(id: \"a1\") { id } }");

        assertThat(response.body().toString()).contains("Service \"media\" did not answer in time")
                .contains("title=Write the plan");
    }
}
