package dev.thestack.services.todo;

import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.awslocal.TestLambdaContext;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import static dev.thestack.services.todo.GraphQLCalls.call;
import static dev.thestack.services.todo.GraphQLCalls.newTenant;
import static dev.thestack.services.todo.GraphQLCalls.post;
import static dev.thestack.services.todo.GraphQLCalls.postRaw;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.thestack.services.todo.GraphQLCalls.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the handler refuses before it runs anything: requests of the wrong method, content type, size or shape,
 * and requests that do not name exactly one tenant. Each refusal that could have written is checked to have
 * written nothing.
 */
class TodoHandlerRequestTest {
    private static final String TABLE = "todos";
    private static final String CREATE = """
            mutation CreateTodo($title: String!) { createTodo(input: {title: $title}) { id } }""";
    private static final String LIST = "query Todos { todos { id title } }";

    @RegisterExtension
    static final DynaliteExtension DYNALITE = DynaliteExtension.withTables(TodoTables.todoTable(TABLE));

    private static TodoHandler handler;

    @BeforeAll
    static void createHandler() {
        handler = new TodoHandler(DYNALITE.client(), TABLE, "integration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "DELETE", "PUT"})
    void mutationSentWithAnotherMethodThanPostIsRefusedAndCreatesNothing(String method) {
        String tenant = newTenant();
        APIGatewayProxyRequestEvent event = post(tenant, CREATE, Map.of("title", "sneaked in"));
        event.setHttpMethod(method);

        Reply reply = call(handler, event);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.headers()).containsEntry("Allow", "POST").containsEntry("Content-Type", "application/json");
        assertThat(reply.firstError().path("message").asText())
                .isEqualTo("HTTP method " + method + " is not allowed; send GraphQL requests as POST");
        assertNothingListedFor(tenant);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"})
    void mutationPostedAsWhatABrowserSendsWithoutPreflightIsRefusedAndCreatesNothing(String contentType) {
        String tenant = newTenant();
        APIGatewayProxyRequestEvent event = post(tenant, CREATE, Map.of("title", "cross-site"));
        event.getHeaders().put("Content-Type", contentType);

        Reply reply = call(handler, event);

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.firstError().path("message").asText())
                .isEqualTo("Content-Type " + contentType + " is not supported; send the body as application/json (charset utf-8)");
        assertNothingListedFor(tenant);
    }

    @Test
    void contentTypeHeaderIsMatchedInAnyCaseAndMustBeThereThroughApiGateway() {
        APIGatewayProxyRequestEvent lowerCase = post(newTenant(), LIST, Map.of());
        lowerCase.getHeaders().put("content-type", lowerCase.getHeaders().remove("Content-Type") + "; charset=UTF-8");
        assertThat(call(handler, lowerCase).status()).isEqualTo(200);

        APIGatewayProxyRequestEvent without = post(newTenant(), LIST, Map.of());
        without.getHeaders().remove("Content-Type");
        Reply reply = call(handler, without);
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.firstError().path("message").asText()).startsWith("Header Content-Type is missing");
    }

    @Test
    void directInvokeWithoutMethodOrContentTypeIsServed() {
        String tenant = newTenant();
        APIGatewayProxyRequestEvent direct = new APIGatewayProxyRequestEvent()
                .withHeaders(Map.of(TenantId.HEADER, tenant, UserId.HEADER, GraphQLCalls.DEFAULT_USER))
                .withBody(GraphQLCalls.toJson(Map.of("query", CREATE, "variables", Map.of("title", "from the router"))));

        Reply reply = call(handler, direct);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(call(handler, tenant, LIST, Map.of()).data().path("todos").path(0).path("title").asText())
                .isEqualTo("from the router");
    }

    @Test
    void missingOrBlankTenantHeaderIsRefusedNamingIt() {
        Reply missing = call(handler, null, LIST, Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.firstError().path("message").asText())
                .isEqualTo("Header x-tenant-id is required; it names the tenant");

        Reply blank = call(handler, " ", CREATE, Map.of("title", "whose?"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.firstError().path("message").asText()).isEqualTo("Header x-tenant-id is blank; it must name the tenant");
    }

    @Test
    void tenantHeaderGivenTwiceIsRefusedUnlessBothAgree() {
        String tenant = newTenant();
        APIGatewayProxyRequestEvent twoTenants = post(tenant, CREATE, Map.of("title", "for whom?"));
        twoTenants.getHeaders().put("X-Tenant-Id", newTenant());

        Reply reply = call(handler, twoTenants);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.firstError().path("message").asText())
                .isEqualTo("Header x-tenant-id is given twice with different values; send it once");
        assertNothingListedFor(tenant);

        APIGatewayProxyRequestEvent agreeing = post(tenant, LIST, Map.of());
        agreeing.getHeaders().put("X-Tenant-Id", tenant);
        agreeing.setMultiValueHeaders(Map.of("x-tenant-id", List.of(tenant)));
        assertThat(call(handler, agreeing).status()).isEqualTo(200);

        APIGatewayProxyRequestEvent repeated = post(tenant, LIST, Map.of());
        repeated.setMultiValueHeaders(Map.of("x-tenant-id", List.of(tenant, newTenant())));
        assertThat(call(handler, repeated).status()).isEqualTo(400);
    }

    @Test
    void nullHeaderNamesDoNotBreakTheInvocation() {
        String tenant = newTenant();
        APIGatewayProxyRequestEvent event = post(tenant, LIST, Map.of());
        event.getHeaders().put(null, "no name");
        Map<String, List<String>> multi = new HashMap<>();
        multi.put(null, List.of("no name"));
        event.setMultiValueHeaders(multi);

        Reply reply = call(handler, event);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.data().path("todos").isArray()).isTrue();
    }

    @Test
    void invocationWithoutEventIsABadRequest() {
        Reply reply = GraphQLCalls.read(handler.handleRequest(null, new TestLambdaContext()));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.firstError().path("message").asText())
                .isEqualTo("The invocation has no event; send an API Gateway proxy event");
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413SayingTheLimit() {
        String tenant = newTenant();
        String mutation = GraphQLCalls.toJson(Map.of("query", CREATE, "variables", Map.of("title", "padded")));
        String padded = mutation + " ".repeat(GraphQLRequestParser.MAX_BODY_BYTES + 1 - mutation.length());

        Reply reply = call(handler, postRaw(tenant, padded));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.headers()).containsEntry("Content-Type", "application/json");
        assertThat(reply.firstError().path("message").asText())
                .isEqualTo("Request body is larger than 262144 bytes, the most this API accepts");
        assertNothingListedFor(tenant);

        APIGatewayProxyRequestEvent encoded = postRaw(tenant, padded);
        encoded.setBody(Base64.getEncoder().encodeToString(padded.getBytes(StandardCharsets.UTF_8)));
        encoded.setIsBase64Encoded(true);
        assertThat(call(handler, encoded).status()).isEqualTo(413);

        assertThat(call(handler, postRaw(tenant, padded.substring(0, padded.length() - 1))).status()).isEqualTo(200);
    }

    @Test
    void contentAfterTheJsonBodyIsABadRequest() {
        Reply reply = call(handler, postRaw(newTenant(), "{\"query\":\"{__typename}\"} xyz"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.firstError().path("message").asText()).isEqualTo("Request body is not valid JSON (line 1, column 26)");
    }

    private static void assertNothingListedFor(String tenant) {
        Reply listed = call(handler, tenant, LIST, Map.of());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.data().path("todos")).isEmpty();
    }
}
