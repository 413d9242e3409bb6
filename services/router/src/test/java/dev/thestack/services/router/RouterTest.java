package dev.thestack.services.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.router.supergraph.Supergraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router over the in-process Todo and Media subgraphs: plans run, answers merged and shaped. */
class RouterTest {
    private static final Supergraph SUPERGRAPH = Supergraph.fromClasspath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> HEADERS = Map.of("X-Tenant-Id", "t1", "x-user-id", "u1",
            "Authorization", "Bearer token", "X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793",
            "Cookie", "session=secret");

    private InProcessSubgraphs subgraphs;
    private final AtomicInteger planCacheMisses = new AtomicInteger();
    private final List<String> fetchMetrics = new ArrayList<>();
    private Router router;

    @BeforeEach
    void startRouter() {
        subgraphs = new InProcessSubgraphs();
        router = Router.builder()
                .supergraph(SUPERGRAPH)
                .transport(subgraphs)
                // long enough for a first, cold fetch on a busy machine; the timeout test waits it out once
                .fetchTimeout(Duration.ofSeconds(2))
                .metrics(new RouterMetrics() {
                    @Override
                    public void subgraphFetch(String subgraph, long nanos, boolean failed) {
                        synchronized (fetchMetrics) {
                            fetchMetrics.add(subgraph + (failed ? " failed" : " ok"));
                        }
                    }

                    @Override
                    public void planCacheMiss() {
                        planCacheMisses.incrementAndGet();
                    }
                })
                .build();
    }

    private GraphQLHttpResponse run(String query) {
        return run(query, Map.of());
    }

    private GraphQLHttpResponse run(String query, Map<String, Object> variables) {
        return router.execute(new GraphQLRequest(query, variables, null), HEADERS);
    }

    private static JsonNode body(GraphQLHttpResponse response) {
        return JSON.valueToTree(response.body());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("the test's JSON is broken: " + text, e);
        }
    }

    @Test
    void entitiesOfTwoSubgraphsAreJoinedInTheClientsShape() {
        GraphQLHttpResponse response = run("""
                { todos { title files: attachments { fileName kind } owner { id } } }""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response)).isEqualTo(json("""
                {"data": {"todos": [
                  {"title": "Write the plan", "files": [{"fileName": "plan.png", "kind": "IMAGE"},
                                                        {"fileName": "demo.mp4", "kind": "VIDEO"}], "owner": {"id": "u1"}},
                  {"title": "Ship it", "files": [], "owner": {"id": "u1"}}]}}"""));
        // neither the keys nor __typename the plan added reach the client, and the client's order is kept
        assertThat(JSON.valueToTree(response.body()).toString()).isEqualTo(
                "{\"data\":{\"todos\":[{\"title\":\"Write the plan\",\"files\":[{\"fileName\":\"plan.png\",\"kind\":\"IMAGE\"},"
                        + "{\"fileName\":\"demo.mp4\",\"kind\":\"VIDEO\"}],\"owner\":{\"id\":\"u1\"}},"
                        + "{\"title\":\"Ship it\",\"files\":[],\"owner\":{\"id\":\"u1\"}}]}}");
    }

    @Test
    void requiredFieldsReachTheSubgraphThatNeedsThemInTheRepresentation() {
        GraphQLHttpResponse response = run("{ attachment(id: \"a1\") { todo { canAttach } } todo(id: \"2\") { canAttach } }");

        assertThat(body(response)).isEqualTo(json("""
                {"data": {"attachment": {"todo": {"canAttach": true}}, "todo": {"canAttach": false}}}"""));
        List<Object> representations = subgraphs.requests().stream()
                .filter(request -> request.subgraph().equals("media") && request.query().contains("canAttach"))
                .flatMap(request -> ((List<?>) request.variables().get("representations")).stream())
                .map(Object.class::cast)
                .toList();
        assertThat(representations).containsExactlyInAnyOrder(
                Map.of("__typename", "Todo", "id", "1", "done", false),
                Map.of("__typename", "Todo", "id", "2", "done", true));
    }

    @Test
    void everyFetchForwardsIdentityAuthorizationAndTraceHeadersAndNothingElse() {
        GraphQLHttpResponse response = run("{ me { id uploads { fileName } } }");

        assertThat(body(response)).isEqualTo(json("""
                {"data": {"me": {"id": "u1", "uploads": [{"fileName": "plan.png"}, {"fileName": "demo.mp4"}]}}}"""));
        assertThat(subgraphs.requests()).hasSize(2).allSatisfy(request -> assertThat(request.headers()).isEqualTo(Map.of(
                "x-tenant-id", "t1", "x-user-id", "u1", "authorization", "Bearer token",
                "x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793")));
    }

    @Test
    void mutationsRunInDocumentOrderAndEachFetchGetsOnlyTheVariablesItUses() {
        GraphQLHttpResponse response = run("""
                mutation Work($title: String!, $attachment: ID!) {
                  created: createTodo(input: {title: $title}) { id title canAttach }
                  completeUpload(id: $attachment) { status }
                  setTodoDone(id: "3", done: true) { done canAttach }
                }""", Map.of("title", "Test the router", "attachment", "a2"));

        assertThat(body(response)).isEqualTo(json("""
                {"data": {"created": {"id": "3", "title": "Test the router", "canAttach": true},
                          "completeUpload": {"status": "READY"},
                          "setTodoDone": {"done": true, "canAttach": false}}}"""));
        List<SubgraphRequest> requests = subgraphs.requests();
        assertThat(requests).extracting(SubgraphRequest::subgraph).containsExactly("todo", "media", "media", "todo", "media");
        assertThat(requests.get(0).variables()).isEqualTo(Map.of("title", "Test the router"));
        assertThat(requests.get(0).operationName()).isEqualTo("Work__todo__0");
        assertThat(requests.get(2).variables()).isEqualTo(Map.of("attachment", "a2"));
    }

    @Test
    void aSubgraphErrorInAnEntityFetchPointsAtTheClientsPathAndNamesTheService() {
        subgraphs.answer("media", request -> {
            SubgraphResponse real = subgraphs.realAnswer(request);
            return CompletableFuture.completedFuture(new SubgraphResponse(real.data(), List.of(Map.of(
                    "message", "Attachments are unavailable",
                    "path", List.of("_entities", 1, "attachments"),
                    "locations", List.of(Map.of("line", 1, "column", 2)),
                    "extensions", Map.of("retryable", true)))));
        });

        GraphQLHttpResponse response = run("{ todos { id attachments { id } } }");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).get("errors")).isEqualTo(json("""
                [{"message": "Attachments are unavailable", "path": ["todos", 1, "attachments"],
                  "extensions": {"retryable": true, "serviceName": "media", "code": "DOWNSTREAM_SERVICE_ERROR"}}]"""));
        assertThat(body(response).get("data").get("todos").get(0).get("attachments")).hasSize(2);
    }

    @Test
    void aSubgraphsOwnErrorCodeIsKept() {
        GraphQLHttpResponse response = run("mutation { completeUpload(id: \"missing\") { status } }");

        JsonNode error = body(response).get("errors").get(0);
        assertThat(error.get("path")).isEqualTo(json("[\"completeUpload\"]"));
        assertThat(error.get("extensions").get("serviceName").asText()).isEqualTo("media");
        assertThat(body(response).get("data").isNull()).as("completeUpload is non-null: the null bubbles to data").isTrue();
    }

    @Test
    void aNullInANonNullFieldNullsTheNearestNullableParentAndIsReportedAsTheGatewayDoes() {
        subgraphs.answer("todo", request -> CompletableFuture.completedFuture(
                new SubgraphResponse(new LinkedHashMap<>(Map.of("todo", new LinkedHashMap<>(Map.of("id", "1")))), List.of())));

        GraphQLHttpResponse response = run("{ todo(id: \"1\") { id title } }");

        assertThat(body(response)).isEqualTo(json("""
                {"data": {"todo": null}, "extensions": {"valueCompletion": [
                  {"message": "Cannot return null for non-nullable field Todo.title.", "path": ["todo", "title"],
                   "extensions": {"code": "INVALID_GRAPHQL"}}]}}"""));
    }

    @Test
    void aValueOfTheWrongTypeIsNulled() {
        subgraphs.answer("todo", request -> CompletableFuture.completedFuture(new SubgraphResponse(
                Map.of("todos", List.of(Map.of("title", 42), Map.of("title", "fine"))), List.of())));

        GraphQLHttpResponse response = run("{ todos { title } }");

        // title is non-null, so the todo is null, and todos are [Todo!]!: the whole data is null
        assertThat(body(response).get("data").isNull()).isTrue();
        assertThat(body(response).get("extensions").get("valueCompletion").get(0).get("message").asText())
                .isEqualTo("Invalid value found for field Todo.title.");
    }

    @Test
    void aSubgraphThatTimesOutIsAGraphQLErrorAndTheOtherSubgraphsDataStays() {
        subgraphs.answer("media", request -> new CompletableFuture<>());

        GraphQLHttpResponse response = run("{ todo(id: \"1\") { title } attachment(id: \"a1\") { fileName } }");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response)).isEqualTo(json("""
                {"errors": [{"message": "Service \\"media\\" did not answer in time",
                             "extensions": {"serviceName": "media", "code": "DOWNSTREAM_SERVICE_ERROR"}}],
                 "data": {"todo": {"title": "Write the plan"}, "attachment": null}}"""));
        assertThat(fetchMetrics).containsExactlyInAnyOrder("todo ok", "media failed");
    }

    @Test
    void aSubgraphThatAnswersGarbageIsAGraphQLErrorWithoutItsDetails() {
        subgraphs.answer("media", request -> CompletableFuture.failedFuture(
                new SubgraphFetchException("media", "HTTP 502 from http://10.0.0.7:4002: <html>Bad gateway</html>", null)));

        GraphQLHttpResponse response = run("{ todos { title attachments { id } } }");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).get("errors")).isEqualTo(json("""
                [{"message": "Service \\"media\\" did not give a valid GraphQL response",
                  "extensions": {"serviceName": "media", "code": "DOWNSTREAM_SERVICE_ERROR"}}]"""));
        assertThat(body(response).toString()).doesNotContain("10.0.0.7").doesNotContain("Exception");
        assertThat(body(response).get("data").isNull()).isTrue();
    }

    @Test
    void entitiesOfTheWrongCountAreGarbageToo() {
        subgraphs.answer("media", request -> CompletableFuture.completedFuture(
                new SubgraphResponse(Map.of("_entities", List.of()), List.of())));

        GraphQLHttpResponse response = run("{ todo(id: \"1\") { title attachments { id } } }");

        assertThat(body(response).get("errors").get(0).get("message").asText())
                .isEqualTo("Service \"media\" did not give a valid GraphQL response");
        assertThat(body(response).get("data")).isEqualTo(json("{\"todo\": null}"));
    }

    @Test
    void plansAreCachedByDocumentAndOperationName() {
        String document = "query A { todos { id } } query B { me { id } }";

        router.execute(new GraphQLRequest(document, Map.of(), "A"), HEADERS);
        router.execute(new GraphQLRequest(document, Map.of(), "A"), HEADERS);
        assertThat(planCacheMisses).hasValue(1);

        GraphQLHttpResponse b = router.execute(new GraphQLRequest(document, Map.of(), "B"), HEADERS);
        assertThat(planCacheMisses).hasValue(2);
        assertThat(body(b)).isEqualTo(json("{\"data\": {\"me\": {\"id\": \"u1\"}}}"));
    }

    @Test
    void typenameIsAnsweredForEveryObjectAndTheRoot() {
        GraphQLHttpResponse response = run("{ __typename todo(id: \"2\") { kind: __typename owner { __typename } } }");

        assertThat(body(response)).isEqualTo(json("""
                {"data": {"__typename": "Query", "todo": {"kind": "Todo", "owner": {"__typename": "User"}}}}"""));
    }
}
