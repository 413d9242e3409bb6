package dev.thestack.services.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.awslocal.StandardOutput;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.graphql.SubgraphPriming;
import dev.thestack.services.graphql.EntityIds;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import dev.thestack.services.instrumentation.ServiceMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SnapStart priming request reads through the real path against dynalite and leaves no trace. */
class TodoPrimingTest {
    private static final String TABLE = "todos";

    @RegisterExtension
    static final DynaliteExtension DYNALITE = DynaliteExtension.withTables(TodoTables.todoTable(TABLE));

    @Test
    void primingQueriesDynamoDbWithoutWritingOrEmittingMetrics() {
        TodoRepository todos = new TodoRepository(DYNALITE.client(), TABLE, EntityIds.randomUuids(), Clock.systemUTC());
        Todo existing = todos.create(new TenantId("tenant-" + UUID.randomUUID()), new UserId("owner"), "keep me");
        TodoPriming priming = primingOver(TABLE);

        StandardOutput.Captured<GraphQLHttpResponse> primed = StandardOutput.capture(priming::prime);

        assertThat(primed.result().statusCode()).isEqualTo(200);
        assertThat(primed.result().body()).isEqualTo(Map.of("data", Map.of("todos", List.of())));
        assertThat(primed.lines()).noneMatch(line -> line.contains("\"_aws\""));
        assertThat(DYNALITE.client().scan(scan -> scan.tableName(TABLE)).items())
                .singleElement()
                .satisfies(item -> assertThat(item.get(TodoRepository.TODO_ID).s()).isEqualTo(existing.id()));
    }

    @Test
    void aFailingPrimingRequestStillLetsTheSnapshotBeTakenAndIsAWarningNotARequestsError() {
        TodoPriming priming = primingOver("no-such-table");

        assertThat(priming.prime().hasServerErrors()).isTrue();
        StandardOutput.Captured<Boolean> primed = StandardOutput.capture(() -> {
            priming.beforeCheckpoint(null);
            return true;
        });

        List<String> logged = primed.lines().stream().filter(line -> line.contains("\"level\"")).toList();
        assertThat(logged).noneMatch(line -> line.contains("\"level\":\"ERROR\""))
                .noneMatch(line -> line.contains("Priming answered"))
                .anyMatch(line -> line.contains("\"level\":\"WARN\"")
                        && line.contains("Resolving /todos failed outside any invocation"))
                .anyMatch(line -> line.contains("\"level\":\"WARN\"") && line.contains("Priming failed after"));
    }

    @Test
    void aPrimingOperationTheSchemaNoLongerHasIsAFailureNotAnAnswer() {
        ObjectMapper json = new ObjectMapper();
        TodoSubgraph subgraph = new TodoSubgraph(new TodoRepository(DYNALITE.client(), TABLE, EntityIds.randomUuids(),
                Clock.systemUTC()), new ServiceMetrics("todo", "test"));
        SubgraphPriming stale = new SubgraphPriming("{\"query\":\"query Priming { todosByTag { id } }\"}",
                new GraphQLRequestParser(json), json,
                (request, tenant) -> subgraph.execute(request, tenant, Optional.empty())) {
        };

        List<String> lines = StandardOutput.capture(() -> {
            stale.beforeCheckpoint(null);
            return true;
        }).lines();

        assertThat(lines).noneMatch(line -> line.contains("Priming answered"))
                .anyMatch(line -> line.contains("\"level\":\"WARN\"") && line.contains("Priming failed after")
                        && line.contains("HTTP 400") && line.contains("todosByTag"));
    }

    private static TodoPriming primingOver(String table) {
        ObjectMapper json = new ObjectMapper();
        TodoSubgraph subgraph = new TodoSubgraph(new TodoRepository(DYNALITE.client(), table, EntityIds.randomUuids(), Clock.systemUTC()),
                new ServiceMetrics("todo", "test"));
        return new TodoPriming(subgraph, new GraphQLRequestParser(json), json);
    }
}
