package dev.thestack.services.todo;

import static dev.thestack.services.todo.GraphQLCalls.call;
import static dev.thestack.services.todo.GraphQLCalls.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.graphql.EntityIds;
import dev.thestack.services.todo.GraphQLCalls.Reply;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who owns what: Todo.owner, Query.me, User.todos and User entities, and setTodoDone, through the handler on
 * dynalite. The handler gets a per-tenant id sequence and a fixed clock, as tests comparing routers give it.
 */
class TodoUsersTest {
    private static final String TABLE = "todos";
    private static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");
    private static final String CREATE = """
            mutation CreateTodo($title: String!) { createTodo(input: {title: $title}) { id owner { id } } }""";
    private static final String ME = "query Me { me { id todos { id title done } } }";
    private static final String SET_DONE = """
            mutation Done($id: ID!, $done: Boolean!) { setTodoDone(id: $id, done: $done) { id done title } }""";
    private static final String ENTITIES = """
            query Entities($representations: [_Any!]!) {
              _entities(representations: $representations) {
                __typename
                ... on User { id todos(limit: 10) { title } }
                ... on Todo { id title owner { id } }
              }
            }""";

    @RegisterExtension
    static final DynaliteExtension DYNALITE = DynaliteExtension.withTables(TodoTables.todoTable(TABLE));

    private static TodoHandler handler;

    @BeforeAll
    static void createHandler() {
        handler = new TodoHandler(DYNALITE.client(), TABLE, "integration", EntityIds.sequentialPerTenant(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void createdTodoIsOwnedByTheCallerWithIdAndTimeFromTheHandlersSources() {
        String tenant = newTenant();

        JsonNode created = create(tenant, "alice", "Buy milk");
        JsonNode second = create(tenant, "bob", "Fix the bike");
        JsonNode otherTenant = create(newTenant(), "alice", "elsewhere");

        assertThat(created.path("id").asText()).isEqualTo("00000000-0000-4000-8000-000000000001");
        assertThat(created.path("owner").path("id").asText()).isEqualTo("alice");
        assertThat(second.path("id").asText()).isEqualTo("00000000-0000-4000-8000-000000000002");
        assertThat(otherTenant.path("id").asText()).isEqualTo("00000000-0000-4000-8000-000000000001");
        JsonNode listed = call(handler, tenant, "{ todos { createdAt owner { id } } }", Map.of()).data().path("todos");
        assertThat(listed).extracting(todo -> todo.path("createdAt").asText(), todo -> todo.path("owner").path("id").asText())
                .containsExactly(tuple("2026-12-04T09:00:00.000Z", "alice"), tuple("2026-12-04T09:00:00.000Z", "bob"));
    }

    @Test
    void meIsTheCallerWithTheTodosTheyCreatedInThisTenant() {
        String tenant = newTenant();
        create(tenant, "alice", "Buy milk");
        create(tenant, "bob", "Fix the bike");
        create(tenant, "alice", "Write the report");
        create(newTenant(), "alice", "not in this tenant");

        Reply alice = call(handler, tenant, "alice", ME, Map.of());
        Reply carol = call(handler, tenant, "carol", ME, Map.of());

        assertThat(alice.body().has("errors")).as("%s", alice.body()).isFalse();
        assertThat(alice.data().path("me").path("id").asText()).isEqualTo("alice");
        assertThat(alice.data().path("me").path("todos")).extracting(todo -> todo.path("title").asText())
                .containsExactly("Buy milk", "Write the report");
        assertThat(carol.data().path("me").path("todos")).isEmpty();
        JsonNode limited = call(handler, tenant, "alice", "{ me { todos(limit: 1) { title } } }", Map.of()).data();
        assertThat(limited.path("me").path("todos")).hasSize(1);
    }

    @Test
    void meAndCreateTodoWithoutTheUserHeaderSayWhichHeaderToSend() {
        String tenant = newTenant();

        Reply me = call(handler, tenant, null, ME, Map.of());
        Reply create = call(handler, tenant, null, CREATE, Map.of("title", "nobody's"));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.data().isNull()).isTrue();
        assertThat(me.firstError().path("message").asText())
                .isEqualTo("me acts as the calling user: send the x-user-id header naming them");
        assertThat(me.firstError().path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(create.firstError().path("message").asText())
                .isEqualTo("createTodo acts as the calling user: send the x-user-id header naming them");
        assertThat(call(handler, tenant, "{ todos { id } }", Map.of()).data().path("todos")).as("nothing written").isEmpty();
    }

    @Test
    void malformedUserHeaderIsRefusedBeforeAnythingRuns() {
        Reply reply = call(handler, newTenant(), "user with spaces", ME, Map.of());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().has("data")).isFalse();
        assertThat(reply.firstError().path("message").asText()).startsWith("Header x-user-id must be");
    }

    @Test
    void setTodoDoneMarksTheTodoAndAnUnknownIdIsNullWithAnError() {
        String tenant = newTenant();
        String id = create(tenant, "alice", "Water the plants").path("id").asText();

        Reply done = call(handler, tenant, SET_DONE, Map.of("id", id, "done", true));
        Reply reopened = call(handler, tenant, SET_DONE, Map.of("id", id, "done", false));
        Reply unknown = call(handler, tenant, SET_DONE, Map.of("id", UUID.randomUUID().toString(), "done", true));
        Reply otherTenant = call(handler, newTenant(), SET_DONE, Map.of("id", id, "done", true));

        assertThat(done.body().has("errors")).isFalse();
        assertThat(done.data().path("setTodoDone").path("done").asBoolean()).isTrue();
        assertThat(done.data().path("setTodoDone").path("title").asText()).isEqualTo("Water the plants");
        assertThat(reopened.data().path("setTodoDone").path("done").asBoolean(true)).isFalse();
        for (Reply refused : List.of(unknown, otherTenant)) {
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.data().path("setTodoDone").isNull()).isTrue();
            assertThat(refused.firstError().path("message").asText()).isEqualTo(
                    "setTodoDone: the tenant has no todo with this id; ask Query.todos for the ids of its todos");
            assertThat(refused.firstError().path("path")).containsExactly(GraphQLCalls.JSON.valueToTree("setTodoDone"));
            assertThat(refused.firstError().path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        }
        JsonNode stored = call(handler, tenant, "query T($id: ID!) { todo(id: $id) { done } }", Map.of("id", id)).data();
        assertThat(stored.path("todo").path("done").asBoolean(true)).isFalse();
    }

    @Test
    void entitiesResolveUsersWithTheirTodosAndTodosWithTheirOwnersInOneCall() {
        String tenant = newTenant();
        String milk = create(tenant, "alice", "Buy milk").path("id").asText();
        create(tenant, "bob", "Fix the bike");
        List<Object> representations = List.of(
                Map.of("__typename", "User", "id", "bob"),
                Map.of("__typename", "Todo", "id", milk),
                Map.of("__typename", "User", "id", "nobody-yet"),
                Map.of("__typename", "Todo", "id", UUID.randomUUID().toString()),
                Map.of("__typename", "User", "id", "not a user id"),
                Map.of("__typename", "User"));

        Reply reply = call(handler, tenant, null, ENTITIES, Map.of("representations", representations));

        JsonNode entities = reply.data().path("_entities");
        assertThat(entities).hasSize(6);
        assertThat(entities.path(0).path("__typename").asText()).isEqualTo("User");
        assertThat(entities.path(0).path("id").asText()).isEqualTo("bob");
        assertThat(entities.path(0).path("todos")).extracting(todo -> todo.path("title").asText()).containsExactly("Fix the bike");
        assertThat(entities.path(1).path("__typename").asText()).isEqualTo("Todo");
        assertThat(entities.path(1).path("owner").path("id").asText()).isEqualTo("alice");
        assertThat(entities.path(2).path("todos")).isEmpty();
        assertThat(entities.path(3).isNull()).isTrue();
        assertThat(entities.path(4).isNull()).isTrue();
        assertThat(entities.path(5).isNull()).isTrue();
        assertThat(reply.body().path("errors")).extracting(
                error -> error.path("path").path(1).asInt(),
                error -> error.path("message").asText(),
                error -> error.path("extensions").path("code").asText()).containsExactly(
                tuple(4, "A User representation's \"id\" must be 1 to 128 letters, digits or the characters . _ : @ -",
                        "BAD_USER_INPUT"),
                tuple(5, "A User representation needs its key field \"id\" as a string", "BAD_USER_INPUT"));
    }

    private static JsonNode create(String tenant, String user, String title) {
        Reply reply = call(handler, tenant, user, CREATE, Map.of("title", title));
        assertThat(reply.body().has("errors")).as("errors in %s", reply.body()).isFalse();
        return reply.data().path("createTodo");
    }
}
