package dev.thestack.services.todo;

import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.graphql.TenantId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TodoRepositoryTest {
    private static final String TABLE = "todos";

    @RegisterExtension
    static final DynaliteExtension DYNALITE = DynaliteExtension.withTables(TodoTables.todoTable(TABLE));

    private final TodoRepository todos = new TodoRepository(DYNALITE.client(), TABLE);

    @Test
    void findAllReadsMoreIdsThanOneBatchGetTakes() {
        TenantId tenant = new TenantId("batch-" + UUID.randomUUID());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            ids.add(todos.create(tenant, "todo " + i).id());
        }
        String unknown = UUID.randomUUID().toString();
        List<String> asked = new ArrayList<>(ids);
        asked.add(unknown);
        asked.add(ids.get(0));
        asked.add("not-an-id");

        Map<String, Todo> found = todos.findAll(tenant, asked);

        assertThat(found).hasSize(120).containsOnlyKeys(ids).doesNotContainKey(unknown);
        assertThat(found.get(ids.get(7)).title()).isEqualTo("todo 7");
    }

    @Test
    void findAllNeverCrossesTenants() {
        TenantId owner = new TenantId("owner-" + UUID.randomUUID());
        Todo todo = todos.create(owner, "private");

        assertThat(todos.findAll(new TenantId("other-" + UUID.randomUUID()), List.of(todo.id()))).isEmpty();
        assertThat(todos.findAll(owner, List.of(todo.id()))).containsEntry(todo.id(), todo);
    }
}
