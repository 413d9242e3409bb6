package dev.thestack.services.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.awslocal.LambdaHttpServer;
import dev.thestack.services.conformance.GraphQLHttpClient.Answer;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import dev.thestack.services.todo.TodoHandler;
import dev.thestack.services.todo.TodoTables;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The subgraphs as they run in AWS, each its Lambda handler behind API Gateway (here {@link LambdaHttpServer}),
 * on dynalite; and the data every tenant of the corpus starts with, written through the subgraphs themselves.
 */
final class SubgraphServers implements BeforeAllCallback, AfterAllCallback {
    static final String TODO_TABLE = "conformance-todos";
    static final String ALICE = "alice";
    static final String BOB = "bob";
    /** What every tenant holds before its operation runs, in the order it is created. */
    static final List<SeedTodo> SEED_TODOS = List.of(
            new SeedTodo("Buy milk", ALICE),
            new SeedTodo("Write the report", ALICE),
            new SeedTodo("Fix the bike", BOB));

    record SeedTodo(String title, String owner) {
    }

    private final DynaliteExtension dynalite;
    private final GraphQLHttpClient client = new GraphQLHttpClient();
    private LambdaHttpServer todo;
    private URI media;

    SubgraphServers(DynaliteExtension dynalite) {
        this.dynalite = dynalite;
    }

    /** The table as services/constructs' TodoService creates it. */
    static CreateTableRequest todoTable() {
        return TodoTables.todoTable(TODO_TABLE);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        todo = LambdaHttpServer.builder()
                .handler(new TodoHandler(dynalite.client(), TODO_TABLE, "test"))
                .functionName("todo")
                .start();
        // TODO(media): the Media subgraph is not on main yet; its fetches fail until MediaHandler runs here
        media = unusedLoopbackPort();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (todo != null) {
            todo.close();
        }
    }

    /** Each subgraph's name in the supergraph and where it answers. */
    Map<String, URI> urls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        urls.put("todo", todo.uri());
        urls.put("media", media);
        return urls;
    }

    /** Gives the tenant the corpus's starting data, asking each subgraph directly (no router involved). */
    void seed(String tenant) {
        for (SeedTodo seed : SEED_TODOS) {
            Answer created = client.post(todo.uri(),
                    "mutation Seed($title: String!) { createTodo(input: {title: $title}) { id } }",
                    Map.of("title", seed.title()), null, headers(tenant, seed.owner()));
            assertThat(created.errors()).as("seeding %s: %s", tenant, created.body()).isEmpty();
        }
    }

    static Map<String, String> headers(String tenant, String user) {
        return Map.of("Content-Type", "application/json", TenantId.HEADER, tenant, UserId.HEADER, user);
    }

    private static URI unusedLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
