package dev.thestack.services.todo;

import dev.thestack.services.awslocal.DynaliteExtension;
import static dev.thestack.services.todo.GraphQLCalls.call;
import static dev.thestack.services.todo.GraphQLCalls.newTenant;
import static dev.thestack.services.todo.GraphQLCalls.post;
import static dev.thestack.services.todo.GraphQLCalls.postRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.thestack.services.todo.GraphQLCalls.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The handler as Lambda runs it, against the DynamoDB API of dynalite through the real SDK client. */
class TodoHandlerTest {
    private static final String TABLE = "todos";

    @RegisterExtension
    static final DynaliteExtension DYNALITE = DynaliteExtension.withTables(TodoTables.todoTable(TABLE));

    private static final String CREATE = """
            mutation CreateTodo($title: String!) {
              createTodo(input: {title: $title}) { id title done createdAt }
            }""";
    private static final String LIST = "query Todos { todos { id title done createdAt } }";
    private static final String BY_ID = "query Todo($id: ID!) { todo(id: $id) { id title } }";

    private static TodoHandler handler;

    @BeforeAll
    static void createHandler() {
        handler = new TodoHandler(DYNALITE.client(), TABLE, "integration");
    }

    @Test
    void createdTodoIsListedForItsTenantAndNoOther() {
        String tenant = newTenant();
        Instant before = Instant.now().minusMillis(1);

        Reply created = call(handler, tenant, CREATE, Map.of("title", "  Buy milk "));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.headers()).containsEntry("Content-Type", "application/json");
        assertThat(created.body().has("errors")).isFalse();
        JsonNode todo = created.data().path("createTodo");
        assertThat(UUID.fromString(todo.path("id").asText())).hasToString(todo.path("id").asText());
        assertThat(todo.path("title").asText()).isEqualTo("Buy milk");
        assertThat(todo.path("done").asBoolean(true)).isFalse();
        assertThat(todo.path("createdAt").asText()).endsWith("Z");
        assertThat(Instant.parse(todo.path("createdAt").asText())).isBetween(before, Instant.now());

        JsonNode listed = call(handler, tenant, LIST, Map.of()).data().path("todos");
        assertThat(listed).containsExactly(todo);

        assertThat(call(handler, newTenant(), LIST, Map.of()).data().path("todos")).isEmpty();
    }

    @Test
    void todoByIdIsFoundOnlyByItsOwnTenant() {
        String tenant = newTenant();
        String id = createTodo(tenant, "Call mum");

        assertThat(call(handler, tenant, BY_ID, Map.of("id", id)).data().path("todo").path("title").asText())
                .isEqualTo("Call mum");
        assertThat(call(handler, newTenant(), BY_ID, Map.of("id", id)).data().path("todo").isNull()).isTrue();
        assertThat(call(handler, tenant, BY_ID, Map.of("id", UUID.randomUUID().toString())).data().path("todo").isNull())
                .isTrue();
        assertThat(call(handler, tenant, BY_ID, Map.of("id", "not-a-todo-id")).data().path("todo").isNull()).isTrue();
    }

    @Test
    void limitCapsTheListAndIsChecked() {
        String tenant = newTenant();
        createTodo(tenant, "one");
        createTodo(tenant, "two");
        createTodo(tenant, "three");
        String limited = "query Todos($limit: Int) { todos(limit: $limit) { id } }";

        assertThat(call(handler, tenant, limited, Map.of("limit", 2)).data().path("todos")).hasSize(2);
        assertThat(call(handler, tenant, LIST, Map.of()).data().path("todos")).hasSize(3);

        Reply tooMany = call(handler, tenant, limited, Map.of("limit", TodoSubgraph.MAX_LIMIT + 1));
        assertThat(tooMany.status()).isEqualTo(200);
        assertThat(tooMany.firstError().path("message").asText()).isEqualTo("limit must be between 1 and 100, but is 101");
        assertThat(tooMany.firstError().path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void entitiesResolvesTodoRepresentationsInOrder() {
        String tenant = newTenant();
        String first = createTodo(tenant, "first");
        String second = createTodo(tenant, "second");
        String entities = """
                query Entities($representations: [_Any!]!) {
                  _entities(representations: $representations) { ... on Todo { id title done } }
                }""";
        List<Map<String, Object>> representations = List.of(
                Map.of("__typename", "Todo", "id", second),
                Map.of("__typename", "Todo", "id", UUID.randomUUID().toString()),
                Map.of("__typename", "Todo", "id", first));

        Reply reply = call(handler, tenant, entities, Map.of("representations", representations));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().has("errors")).isFalse();
        JsonNode resolved = reply.data().path("_entities");
        assertThat(resolved).hasSize(3);
        assertThat(resolved.path(0).path("title").asText()).isEqualTo("second");
        assertThat(resolved.path(1).isNull()).isTrue();
        assertThat(resolved.path(2).path("id").asText()).isEqualTo(first);
    }

    @Test
    void entitiesOfAnotherTypeGetNullAndAnError() {
        String entities = """
                query Entities($representations: [_Any!]!) {
                  _entities(representations: $representations) { ... on Todo { id } }
                }""";

        Reply reply = call(handler, newTenant(), entities,
                Map.of("representations", List.of(Map.of("__typename", "Media", "id", "m-1"))));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.data().path("_entities").path(0).isNull()).isTrue();
        assertThat(reply.firstError().path("message").asText())
                .isEqualTo("This subgraph resolves only Todo and User entities, not Media");
        assertThat(reply.firstError().path("path")).containsExactly(
                GraphQLCalls.JSON.valueToTree("_entities"), GraphQLCalls.JSON.valueToTree(0));
    }

    @Test
    void badRepresentationsGetAnErrorEachAndTheGoodOnesStillResolve() {
        String tenant = newTenant();
        String id = createTodo(tenant, "good");
        String entities = """
                query Entities($representations: [_Any!]!) {
                  _entities(representations: $representations) { ... on Todo { id title } }
                }""";
        List<Object> representations = List.of(
                "x", 5, List.of(1), Map.of("__typename", "Todo", "id", id), Map.of("id", id),
                Map.of("__typename", "Todo", "id", 7), Map.of("__typename", "Todo", "id", id));

        Reply reply = call(handler, tenant, entities, Map.of("representations", representations));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode resolved = reply.data().path("_entities");
        assertThat(resolved).hasSize(7);
        assertThat(resolved.path(3).path("title").asText()).isEqualTo("good");
        assertThat(resolved.path(6).path("title").asText()).isEqualTo("good");
        List.of(0, 1, 2, 4, 5).forEach(index -> assertThat(resolved.path(index).isNull()).isTrue());
        assertThat(reply.body().path("errors")).extracting(
                error -> error.path("path").path(1).asInt(),
                error -> error.path("message").asText(),
                error -> error.path("extensions").path("code").asText()).containsExactly(
                tuple(0, "A representation must be an object with \"__typename\" and the key fields, not a string", "BAD_USER_INPUT"),
                tuple(1, "A representation must be an object with \"__typename\" and the key fields, not an integer", "BAD_USER_INPUT"),
                tuple(2, "A representation must be an object with \"__typename\" and the key fields, not an array", "BAD_USER_INPUT"),
                tuple(4, "A representation needs \"__typename\" as a string", "BAD_USER_INPUT"),
                tuple(5, "A Todo representation needs its key field \"id\" as a string", "BAD_USER_INPUT"));
    }

    @Test
    void badRepresentationLiteralsAreRefusedTheSameWay() {
        Reply reply = call(handler, newTenant(), "{ _entities(representations: [[1], 2.5, true]) { __typename } }", Map.of());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("errors")).extracting(error -> error.path("message").asText()).containsExactly(
                "A representation must be an object with \"__typename\" and the key fields, not an array",
                "A representation must be an object with \"__typename\" and the key fields, not a number",
                "A representation must be an object with \"__typename\" and the key fields, not a boolean");
    }

    @Test
    void aliasFloodIsRefusedBeforeAnyResolverRuns() {
        StringBuilder flood = new StringBuilder("{");
        for (int i = 0; i < 2490; i++) {
            flood.append("a").append(i).append(":todos{title} ");
        }
        // without a table, a resolver that ran would answer INTERNAL_SERVER_ERROR
        TodoHandler withoutTable = new TodoHandler(DYNALITE.client(), "no-such-table", "integration");

        Reply reply = call(withoutTable, newTenant(), flood.append("}").toString(), Map.of());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().has("data")).isFalse();
        assertThat(reply.body().path("errors")).extracting(error -> error.path("message").asText()).containsExactly(
                "Query selects 2490 root fields (aliases included), more than the limit of 20",
                "Query complexity 27390 exceeds the limit of 200 (a field costs 1, a list field 10, each plus its subfields)");
        assertThat(reply.body().path("errors")).allSatisfy(error ->
                assertThat(error.path("extensions").path("code").asText()).isEqualTo("QUERY_TOO_COMPLEX"));
    }

    @Test
    void serviceSdlDeclaresTheTodoAndUserEntitiesForTheRouter() {
        Reply reply = call(handler, newTenant(), "{ _service { sdl } }", Map.of());

        String sdl = reply.data().path("_service").path("sdl").asText();
        assertThat(sdl).contains("url : \"https://specs.apollo.dev/federation/v2.9\"");
        assertThat(sdl).contains("type Todo @key(fields : \"id\"");
        assertThat(sdl).contains("type User @key(fields : \"id\"");
        assertThat(sdl).contains("me: User!", "setTodoDone(done: Boolean!, id: ID!): Todo", "owner: User!");
    }

    @Test
    void tenantHeaderIsMatchedInAnyCase() {
        String tenant = newTenant();
        APIGatewayProxyRequestEvent shouted = post(null, CREATE, Map.of("title", "shouted"));
        shouted.getHeaders().put("X-TENANT-ID", tenant);
        String id = call(handler, shouted).data().path("createTodo").path("id").asText();
        assertThat(call(handler, tenant, BY_ID, Map.of("id", id)).data().path("todo").path("title").asText())
                .isEqualTo("shouted");
    }

    @Test
    void malformedTenantHeaderIsRefused() {
        Reply reply = call(handler, "tenant with spaces", LIST, Map.of());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.firstError().path("message").asText()).startsWith("Header x-tenant-id must be");
    }

    @Test
    void base64EncodedBodyIsDecoded() {
        APIGatewayProxyRequestEvent event = post(newTenant(), LIST, Map.of());
        event.setBody(Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        Reply reply = call(handler, event);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.data().path("todos").isArray()).isTrue();
    }

    @Test
    void malformedJsonIsBadRequest() {
        Reply reply = call(handler, postRaw(newTenant(), "{\"query\": \"{ todos { id } }\""));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.headers()).containsEntry("Content-Type", "application/json");
        assertThat(reply.body().has("data")).isFalse();
        assertThat(reply.firstError().path("message").asText())
                .isEqualTo("Request body is not valid JSON (line 1, column 29)");
    }

    @Test
    void missingQueryIsBadRequest() {
        Reply reply = call(handler, postRaw(newTenant(), "{\"variables\": {}}"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.firstError().path("message").asText())
                .isEqualTo("Request body has no \"query\"; send the GraphQL document as a string");
    }

    @Test
    void unknownFieldIsBadRequest() {
        Reply reply = call(handler, newTenant(), "{ todos { id color } }", Map.of());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().has("data")).isFalse();
        assertThat(reply.firstError().path("message").asText()).contains("Field 'color' in type 'Todo' is undefined");
    }

    @Test
    void syntaxErrorIsBadRequest() {
        Reply reply = call(handler, newTenant(), "{ todos { id ", Map.of());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.firstError().path("extensions").path("classification").asText()).isEqualTo("InvalidSyntax");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "query Todos($limit: Int) { todos(limit: $limit) { id } } | {'limit': 'ten'}"
                    + " | Variable 'limit' has an invalid value: Expected a value that can be converted to type 'Int' but it was a string",
            "query Todos($limit: Int) { todos(limit: $limit) { id } } | {'limit': {'n': 1}}"
                    + " | Variable 'limit' has an invalid value: Expected a value that can be converted to type 'Int' but it was an object",
            "mutation New($input: CreateTodoInput!) { createTodo(input: $input) { id } } | {'input': 'buy milk'}"
                    + " | Variable 'input' has an invalid value: Expected an object but got a string",
            "mutation New($input: CreateTodoInput!) { createTodo(input: $input) { id } } | {'input': {'title': [1]}}"
                    + " | Variable 'input' has an invalid value: Expected a String input, but it was an array",
            "{ todos(limit: \"ten\") { id } } | {}"
                    + " | Validation error (WrongType@[todos]) : argument 'limit' is not a valid 'Int'"
                    + " - Expected an Int, got a String",
            "{ todo(id: true) { id } } | {}"
                    + " | Validation error (WrongType@[todo]) : argument 'id' is not a valid 'ID'"
                    + " - Expected an Int or String, got a Boolean",
            "{ todo(id: 1.5) { id } } | {}"
                    + " | Validation error (WrongType@[todo]) : argument 'id' is not a valid 'ID'"
                    + " - Expected an Int or String, got a Float",
            "{ todo(id: {uuid: \"x\"}) { id } } | {}"
                    + " | Validation error (WrongType@[todo]) : argument 'id' is not a valid 'ID'"
                    + " - Expected an Int or String, got an input object",
            "query Todos($limit: Int = \"ten\") { todos(limit: $limit) { id } } | {}"
                    + " | Validation error (BadValueForDefaultArg) : Bad default value for type 'Int'",
            // an ID variable is refused as the same literal is, not turned into a string that finds nothing
            "query Todo($id: ID!) { todo(id: $id) { id } } | {'id': {'uuid': 'x'}}"
                    + " | Variable 'id' has an invalid value: Expected a string or an integer for type 'ID' but it was an object",
            "query Todo($id: ID!) { todo(id: $id) { id } } | {'id': true}"
                    + " | Variable 'id' has an invalid value: Expected a string or an integer for type 'ID' but it was a boolean",
            "query Todo($id: ID!) { todo(id: $id) { id } } | {'id': 1.5}"
                    + " | Variable 'id' has an invalid value: Expected a string or an integer for type 'ID' but it was a number",
            "query Todo($id: ID!) { todo(id: $id) { id } } | {'id': ['x']}"
                    + " | Variable 'id' has an invalid value: Expected a string or an integer for type 'ID' but it was an array",
    })
    void valueOfTheWrongTypeIsBadRequestNamingTheJsonKind(String query, String variables, String message) {
        String body = "{\"query\": " + GraphQLCalls.toJson(query) + ", \"variables\": " + variables.replace('\'', '"') + "}";

        Reply reply = call(handler, postRaw(newTenant(), body));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().has("data")).isFalse();
        assertThat(reply.firstError().path("message").asText()).isEqualTo(message);
    }

    @Test
    void idVariableMayBeAStringOrAnInteger() {
        String tenant = newTenant();
        String id = createTodo(tenant, "by id");

        assertThat(call(handler, tenant, BY_ID, Map.of("id", id)).data().path("todo").path("title").asText())
                .isEqualTo("by id");
        Reply byNumber = call(handler, tenant, BY_ID, Map.of("id", 42));
        assertThat(byNumber.status()).isEqualTo(200);
        assertThat(byNumber.body().has("errors")).isFalse();
        assertThat(byNumber.data().path("todo").isNull()).isTrue();
    }

    @Test
    void blankTitleIsAGraphQLErrorThatSaysSo() {
        Reply reply = call(handler, newTenant(), CREATE, Map.of("title", "   "));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().has("data")).isTrue();
        assertThat(reply.data().isNull()).isTrue();
        assertThat(reply.body().path("errors")).hasSize(1);
        assertThat(reply.firstError().path("message").asText()).isEqualTo("title must not be blank");
        assertThat(reply.firstError().path("path")).containsExactly(GraphQLCalls.JSON.valueToTree("createTodo"));
        assertThat(reply.firstError().path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void invisibleTitleIsBlankAndControlCharactersAreRefused() {
        String tenant = newTenant();

        assertThat(call(handler, tenant, CREATE, Map.of("title", "\u200b\u200b\u00a0\u3000")).firstError()
                .path("message").asText()).isEqualTo("title must not be blank");
        Reply escape = call(handler, tenant, CREATE, Map.of("title", "\u001b[2Jcleared"));
        assertThat(escape.firstError().path("message").asText())
                .isEqualTo("title must not contain control characters, but has U+001B at position 1");
        assertThat(escape.firstError().path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(call(handler, tenant, LIST, Map.of()).data().path("todos")).isEmpty();
    }

    @Test
    void overlongTitleIsAGraphQLErrorThatSaysSo() {
        Reply reply = call(handler, newTenant(), CREATE, Map.of("title", "x".repeat(Todo.MAX_TITLE_LENGTH + 1)));

        assertThat(reply.firstError().path("message").asText())
                .isEqualTo("title must be at most 500 characters long, but has 501");
    }

    @Test
    void storageFailureIsAnInternalErrorWithoutDetails() {
        TodoHandler withoutTable = new TodoHandler(DYNALITE.client(), "no-such-table", "integration");

        Reply reply = call(withoutTable, newTenant(), LIST, Map.of());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.firstError().path("message").asText()).isEqualTo("Internal server error");
        assertThat(reply.firstError().path("extensions").path("code").asText()).isEqualTo("INTERNAL_SERVER_ERROR");
        assertThat(reply.body().toString()).doesNotContain("Exception", "software.amazon", "no-such-table");
    }

    private static String createTodo(String tenant, String title) {
        Reply reply = call(handler, tenant, CREATE, Map.of("title", title));
        assertThat(reply.body().has("errors")).as("errors in %s", reply.body()).isFalse();
        return reply.data().path("createTodo").path("id").asText();
    }
}
