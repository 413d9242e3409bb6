package dev.thestack.services.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.router.supergraph.Supergraph;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router over HTTP to subgraphs served on loopback: what goes over the wire, and what comes back broken. */
class HttpSubgraphTransportTest {
    private static final Supergraph SUPERGRAPH = Supergraph.fromClasspath();

    private final LoopbackSubgraphs subgraphs = new LoopbackSubgraphs();
    private Router router;

    @BeforeEach
    void startRouter() {
        Map<String, URI> urls = SubgraphEndpoints.fromEnvironment(SUPERGRAPH.subgraphs(), subgraphs.environment());
        router = Router.builder().supergraph(SUPERGRAPH)
                .transport(new HttpSubgraphTransport(urls, FetchTimeouts.of(Duration.ofMillis(1500))))
                .fetchTimeout(Duration.ofMillis(1500))
                .build();
    }

    @AfterEach
    void stop() {
        subgraphs.close();
    }

    private GraphQLHttpResponse run(String query) {
        return router.execute(new GraphQLRequest(query, Map.of(), null), Map.of("x-tenant-id", "t1", "x-user-id", "u1",
                "x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", "cookie", "session=secret"));
    }

    @Test
    void fetchesGoOverHttpWithTheForwardedHeadersAndJoin() {
        GraphQLHttpResponse response = run("{ me { id todos { title canAttach } } }");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Map.of("data", Map.of("me", Map.of("id", "u1", "todos", List.of(
                Map.of("title", "Write the plan", "canAttach", true), Map.of("title", "Ship it", "canAttach", false))))));
        assertThat(subgraphs.headersReceivedBy("media"))
                .containsEntry("x-tenant-id", "t1")
                .containsEntry("x-user-id", "u1")
                .containsEntry("x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
                .containsEntry("content-type", "application/json")
                .doesNotContainKey("cookie");
    }

    @Test
    void answersAreHandedOnByReusedFetchThreadsNotANewThreadEach() {
        Map<String, URI> urls = SubgraphEndpoints.fromEnvironment(SUPERGRAPH.subgraphs(), subgraphs.environment());
        HttpSubgraphTransport transport = new HttpSubgraphTransport(urls, FetchTimeouts.of(Duration.ofMillis(1500)));
        Set<String> threads = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            threads.add(transport.fetch(new SubgraphRequest("todo", "{ todo(id: \"1\") { title } }", Map.of(), null,
                    Map.of("x-tenant-id", "t1"))).thenApply(answer -> Thread.currentThread().getName()).join());
        }

        // an answer that came before thenApply was attached is handed on by this thread instead
        threads.remove(Thread.currentThread().getName());
        // one after another, so a pooled thread or two serve them all (a thread may still be on its way back to the
        // pool when the next fetch starts); CompletableFuture's default executor on two cores names them Thread-N
        assertThat(threads).isNotEmpty().hasSizeLessThan(10).allMatch(name -> name.startsWith("subgraph-fetch-"));
    }

    @Test
    void aSlowSubgraphTimesOut() {
        subgraphs.makeSlow("media", Duration.ofMillis(3_000));

        GraphQLHttpResponse response = run("{ todo(id: \"1\") { title } attachment(id: \"a1\") { id } }");

        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("todo", Map.of("title", "Write the plan"));
        data.put("attachment", null);
        assertThat(response.body()).containsEntry("data", data);
        assertThat(response.body().get("errors")).isEqualTo(List.of(Map.of("message", "Service \"media\" did not answer in time",
                "extensions", Map.of("serviceName", "media", "code", "DOWNSTREAM_SERVICE_ERROR"))));
    }

    @Test
    void aSubgraphGivenALongerWaitIsWaitedForWhileTheOthersKeepTheirs() {
        Map<String, URI> urls = SubgraphEndpoints.fromEnvironment(SUPERGRAPH.subgraphs(), subgraphs.environment());
        FetchTimeouts timeouts = new FetchTimeouts(Duration.ofMillis(1500), Map.of("media", Duration.ofMillis(6000)));
        Router patient = Router.builder().supergraph(SUPERGRAPH)
                .transport(new HttpSubgraphTransport(urls, timeouts))
                .fetchTimeouts(timeouts)
                .build();
        subgraphs.makeSlow("media", Duration.ofMillis(2_500));
        subgraphs.makeSlow("todo", Duration.ofMillis(2_500));
        Map<String, String> headers = Map.of("x-tenant-id", "t1", "x-user-id", "u1");

        GraphQLHttpResponse media = patient.execute(new GraphQLRequest("{ attachment(id: \"a1\") { id } }", Map.of(), null),
                headers);
        GraphQLHttpResponse todo = patient.execute(new GraphQLRequest("{ todo(id: \"1\") { title } }", Map.of(), null),
                headers);

        assertThat(media.body()).doesNotContainKey("errors");
        assertThat(todo.body().get("errors")).isEqualTo(List.of(Map.of("message", "Service \"todo\" did not answer in time",
                "extensions", Map.of("serviceName", "todo", "code", "DOWNSTREAM_SERVICE_ERROR"))));
    }

    @Test
    void anHtmlErrorPageIsNoGraphQLResponseAndItsDetailsStayOut() {
        subgraphs.answer("todo", 502, "<html>upstream 10.1.2.3 failed</html>");

        GraphQLHttpResponse response = run("{ todo(id: \"1\") { title } }");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().toString())
                .contains("Service \"todo\" did not give a valid GraphQL response")
                .doesNotContain("10.1.2.3").doesNotContain("502");
    }

    @Test
    void aGraphQLRefusalWithAnErrorStatusIsPassedOnAsTheSubgraphsError() {
        subgraphs.answer("todo", 400, "{\"errors\":[{\"message\":\"Header x-tenant-id is missing\"}]}");

        GraphQLHttpResponse response = run("{ todo(id: \"1\") { title } }");

        assertThat(response.body()).containsEntry("errors", List.of(Map.of("message", "Header x-tenant-id is missing",
                "extensions", Map.of("serviceName", "todo", "code", "DOWNSTREAM_SERVICE_ERROR"))));
    }

    @Test
    void jsonThatIsNoGraphQLResponseIsRefused() {
        subgraphs.answer("todo", 200, "{\"data\": [1, 2]}");

        assertThat(run("{ todo(id: \"1\") { title } }").body().toString())
                .contains("Service \"todo\" did not give a valid GraphQL response");
    }

    @Test
    void aMissingSubgraphUrlIsNamedWithItsVariable() {
        assertThatThrownBy(() -> SubgraphEndpoints.fromEnvironment(SUPERGRAPH.subgraphs(),
                Map.of("SUBGRAPH_URL_TODO", "http://localhost:4001/graphql")))
                .hasMessageStartingWith("Environment variable SUBGRAPH_URL_MEDIA is not set; set it to the URL of the media subgraph's");
        assertThatThrownBy(() -> SubgraphEndpoints.fromEnvironment(SUPERGRAPH.subgraphs(),
                Map.of("SUBGRAPH_URL_TODO", "ftp://todo", "SUBGRAPH_URL_MEDIA", "http://localhost:4002/graphql")))
                .hasMessage("Environment variable SUBGRAPH_URL_TODO must be an http or https URL or lambda:FUNCTION, was ftp://todo");
    }
}
