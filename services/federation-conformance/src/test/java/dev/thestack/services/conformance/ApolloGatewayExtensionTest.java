package dev.thestack.services.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.thestack.services.awslocal.ApolloGatewayExtension;
import dev.thestack.services.awslocal.LambdaHttpServer;
import dev.thestack.services.awslocal.NodeProcess;
import dev.thestack.services.conformance.GraphQLHttpClient.Answer;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** node-tools/gateway.mjs as the tests start it: what it forwards, how it refuses to start, that it stops. */
class ApolloGatewayExtensionTest {
    private final GraphQLHttpClient client = new GraphQLHttpClient();

    @Test
    void forwardsTheCallersIdentityToTheSubgraphAndNothingElse() throws Exception {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> todo = (event, context) -> {
            seen.add(event.getHeaders());
            return new APIGatewayProxyResponseEvent().withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody("{\"data\":{\"todos\":[{\"id\":\"t-1\"}]}}");
        };
        try (LambdaHttpServer subgraph = LambdaHttpServer.builder().handler(todo).start()) {
            ApolloGatewayExtension gateway = ApolloGatewayExtension.of(Supergraph.sdl(),
                    () -> Map.of("todo", subgraph.uri(), "media", subgraph.uri()));
            gateway.beforeAll(null);
            try {
                Answer answer = client.post(gateway.uri(), "{ todos { id } }", null, null, Map.of(
                        "Content-Type", "application/json",
                        "x-tenant-id", "acme",
                        "x-user-id", "alice",
                        "Authorization", "Bearer token-1",
                        "Cookie", "session=secret"));
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.data().path("todos").path(0).path("id").asText()).isEqualTo("t-1");
            } finally {
                gateway.afterAll(null);
            }
            assertThat(seen).hasSize(1);
            Map<String, String> headers = lowerCaseNames(seen.get(0));
            assertThat(headers).containsEntry("x-tenant-id", "acme")
                    .containsEntry("x-user-id", "alice")
                    .containsEntry("authorization", "Bearer token-1")
                    .doesNotContainKey("cookie");
            URI stopped = gateway.uri();
            assertThatThrownBy(() -> client.post(stopped, "{ todos { id } }", null, null,
                    Map.of("Content-Type", "application/json")))
                    .as("the gateway is gone once the class is done").isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void refusesToStartWithoutAUrlForEverySubgraph() throws Exception {
        ApolloGatewayExtension gateway = ApolloGatewayExtension.of(Supergraph.sdl(),
                () -> Map.of("todo", URI.create("http://127.0.0.1:1/")));
        try {
            assertThatThrownBy(() -> gateway.beforeAll(null))
                    .isInstanceOf(NodeProcess.NodeProcessFailedException.class)
                    .hasMessageContaining("no URL given for subgraph 'media'")
                    .hasMessageContaining("pass media=http://HOST:PORT/");
        } finally {
            gateway.afterAll(null);
        }
    }

    @Test
    void refusesASubgraphTheSupergraphDoesNotHave() throws Exception {
        ApolloGatewayExtension gateway = ApolloGatewayExtension.of(Supergraph.sdl(), () -> Map.of(
                "todo", URI.create("http://127.0.0.1:1/"),
                "media", URI.create("http://127.0.0.1:1/"),
                "billing", URI.create("http://127.0.0.1:1/")));
        try {
            assertThatThrownBy(() -> gateway.beforeAll(null))
                    .hasMessageContaining("the supergraph has no subgraph named billing");
        } finally {
            gateway.afterAll(null);
        }
    }

    private static Map<String, String> lowerCaseNames(Map<String, String> headers) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return lower;
    }
}
