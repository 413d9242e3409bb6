package dev.thestack.services.todo;

import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.graphql.EntityIds;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

    private static final UserId OWNER = new UserId("owner-1");

    private final TodoRepository todos =
            new TodoRepository(DYNALITE.client(), TABLE, EntityIds.randomUuids(), Clock.systemUTC());

    @Test
    void findAllReadsMoreIdsThanOneBatchGetTakes() {
        TenantId tenant = new TenantId("batch-" + UUID.randomUUID());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            ids.add(todos.create(tenant, OWNER, "todo " + i).id());
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
        Todo todo = todos.create(owner, OWNER, "private");

        assertThat(todos.findAll(new TenantId("other-" + UUID.randomUUID()), List.of(todo.id()))).isEmpty();
        assertThat(todos.findAll(owner, List.of(todo.id()))).containsEntry(todo.id(), todo);
    }
    @Test
    void idsAndCreationTimesComeFromWhatTheRepositoryIsGiven() {
        Clock fixed = Clock.fixed(Instant.parse("2026-12-04T09:30:00.123456Z"), ZoneOffset.UTC);
        TodoRepository sequential = new TodoRepository(DYNALITE.client(), TABLE, EntityIds.sequentialPerTenant(), fixed);
        TenantId first = new TenantId("seq-a-" + UUID.randomUUID());
        TenantId second = new TenantId("seq-b-" + UUID.randomUUID());

        Todo a1 = sequential.create(first, OWNER, "a1");
        Todo a2 = sequential.create(first, OWNER, "a2");
        Todo b1 = sequential.create(second, OWNER, "b1");

        assertThat(List.of(a1.id(), a2.id(), b1.id())).containsExactly(
                "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002",
                "00000000-0000-4000-8000-000000000001");
        assertThat(a1.createdAt()).isEqualTo("2026-12-04T09:30:00.123Z");
        assertThat(sequential.find(first, a2.id())).contains(a2);
    }

    @Test
    void ownersTodosAreTheirsInTheirTenantOnly() {
        TenantId tenant = new TenantId("owners-" + UUID.randomUUID());
        UserId alice = new UserId("alice");
        UserId bob = new UserId("bob");
        Todo milk = todos.create(tenant, alice, "milk");
        Todo bike = todos.create(tenant, bob, "bike");
        Todo report = todos.create(tenant, alice, "report");
        todos.create(new TenantId("elsewhere-" + UUID.randomUUID()), alice, "not here");

        assertThat(todos.listByOwner(tenant, alice, 10)).containsExactlyInAnyOrder(milk, report)
                .isSortedAccordingTo(java.util.Comparator.comparing(Todo::id));
        assertThat(todos.listByOwner(tenant, bob, 10)).containsExactly(bike);
        assertThat(todos.listByOwner(tenant, alice, 1)).hasSize(1);
        assertThat(todos.listByOwner(tenant, new UserId("carol"), 10)).isEmpty();
    }

    @Test
    void setDoneChangesOnlyAnExistingTodoOfTheTenant() {
        TenantId tenant = new TenantId("done-" + UUID.randomUUID());
        Todo todo = todos.create(tenant, OWNER, "water plants");

        assertThat(todos.setDone(tenant, todo.id(), true)).hasValueSatisfying(done -> {
            assertThat(done.done()).isTrue();
            assertThat(done.title()).isEqualTo("water plants");
            assertThat(done.ownerId()).isEqualTo(OWNER.value());
        });
        assertThat(todos.find(tenant, todo.id())).hasValueSatisfying(stored -> assertThat(stored.done()).isTrue());
        assertThat(todos.setDone(tenant, todo.id(), false)).hasValueSatisfying(open -> assertThat(open.done()).isFalse());

        String unknown = UUID.randomUUID().toString();
        assertThat(todos.setDone(tenant, unknown, true)).isEmpty();
        assertThat(todos.find(tenant, unknown)).as("no item made up by the update").isEmpty();
        TenantId other = new TenantId("other-" + UUID.randomUUID());
        assertThat(todos.setDone(other, todo.id(), true)).isEmpty();
        assertThat(todos.find(other, todo.id())).isEmpty();
        assertThat(todos.setDone(tenant, "not-an-id", true)).isEmpty();
    }
}
