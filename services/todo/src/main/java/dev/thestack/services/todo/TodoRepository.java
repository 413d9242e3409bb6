package dev.thestack.services.todo;

import dev.thestack.services.graphql.EntityIds;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The todos in DynamoDB: one item per todo, partition key {@value #TENANT_ID} and sort key {@value #TODO_ID}, so
 * a tenant's todos are one partition and no read can cross tenants. Reads of the table are strongly consistent: a
 * client that has just created a todo expects to see it in the next list.
 *
 * <p>A user's todos come from the global secondary index {@value #BY_OWNER_INDEX}, keyed by {@value #OWNER_KEY}
 * (tenant and user together, so it cannot cross tenants either) and {@value #TODO_ID}, with every attribute
 * projected: one Query, no second read. DynamoDB keeps a global index eventually consistent (usually well within a
 * second), so a todo created a moment ago may be missing from its owner's list for that long.
 */
public final class TodoRepository {
    public static final String TENANT_ID = "tenantId";
    public static final String TODO_ID = "todoId";
    public static final String OWNER_KEY = "ownerKey";
    public static final String BY_OWNER_INDEX = "byOwner";
    private static final String OWNER_ID = "ownerId";
    private static final String TITLE = "title";
    private static final String DONE = "done";
    private static final String CREATED_AT = "createdAt";

    private static final DateTimeFormatter CREATED_AT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
    // only ids of this shape were ever written; anything else cannot match and need not cost a read
    private static final Pattern TODO_ID_SHAPE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int BATCH_GET_MAX_KEYS = 100;
    private static final int UNPROCESSED_KEYS_RETRIES = 3;
    private static final long FIRST_RETRY_DELAY_MILLIS = 50;

    private final Supplier<DynamoDbClient> dynamo;
    private final String tableName;
    private final EntityIds entityIds;
    private final Clock clock;

    /**
     * @param entityIds where new todos get their ids ({@link EntityIds#randomUuids()} in production)
     * @param clock     what {@code createdAt} is read from
     */
    public TodoRepository(DynamoDbClient dynamo, String tableName, EntityIds entityIds, Clock clock) {
        this(() -> dynamo, tableName, entityIds, clock);
    }

    /** With a client that may still be in the making when the repository is (a handler's parallel init). */
    public TodoRepository(Supplier<DynamoDbClient> dynamo, String tableName, EntityIds entityIds, Clock clock) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.entityIds = entityIds;
        this.clock = clock;
    }

    /** Stores a new, not yet done todo of the owner, with a fresh id. */
    public Todo create(TenantId tenant, UserId owner, String title) {
        Todo todo = new Todo(entityIds.next(tenant), title, false, CREATED_AT_FORMAT.format(clock.instant()), owner.value());
        dynamo.get().putItem(put -> put.tableName(tableName)
                .item(toItem(tenant, todo))
                // an id collision must fail loudly, not overwrite someone's todo
                .conditionExpression("attribute_not_exists(#todoId)")
                .expressionAttributeNames(Map.of("#todoId", TODO_ID)));
        return todo;
    }

    /** Marks the tenant's todo done or open; empty when the tenant has no todo with this id (nothing is written). */
    public Optional<Todo> setDone(TenantId tenant, String id, boolean done) {
        if (!isTodoId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(toTodo(dynamo.get().updateItem(update -> update.tableName(tableName)
                    .key(key(tenant, id))
                    .updateExpression("SET #done = :done")
                    // without it, UpdateItem would create a todo of only a key and a flag
                    .conditionExpression("attribute_exists(#todoId)")
                    .expressionAttributeNames(Map.of("#done", DONE, "#todoId", TODO_ID))
                    .expressionAttributeValues(Map.of(":done", AttributeValue.fromBool(done)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** At most {@code limit} of the todos the user created in the tenant, in id order. */
    public List<Todo> listByOwner(TenantId tenant, UserId owner, int limit) {
        return dynamo.get().query(query -> query.tableName(tableName)
                        .indexName(BY_OWNER_INDEX)
                        .keyConditionExpression("#ownerKey = :ownerKey")
                        .expressionAttributeNames(Map.of("#ownerKey", OWNER_KEY))
                        .expressionAttributeValues(Map.of(":ownerKey", string(ownerKey(tenant, owner.value()))))
                        .limit(limit))
                .items().stream()
                .map(TodoRepository::toTodo)
                .toList();
    }

    /** At most {@code limit} of the tenant's todos, in id order (the table's sort key). */
    public List<Todo> list(TenantId tenant, int limit) {
        return dynamo.get().query(query -> query.tableName(tableName)
                        .keyConditionExpression("#tenantId = :tenantId")
                        .expressionAttributeNames(Map.of("#tenantId", TENANT_ID))
                        .expressionAttributeValues(Map.of(":tenantId", string(tenant.value())))
                        .limit(limit)
                        .consistentRead(true))
                .items().stream()
                .map(TodoRepository::toTodo)
                .toList();
    }

    public Optional<Todo> find(TenantId tenant, String id) {
        if (!isTodoId(id)) {
            return Optional.empty();
        }
        GetItemResponse response = dynamo.get().getItem(get -> get.tableName(tableName)
                .key(key(tenant, id))
                .consistentRead(true));
        return response.hasItem() ? Optional.of(toTodo(response.item())) : Optional.empty();
    }

    /** The tenant's todos with these ids, by id; ids the tenant has no todo for are missing from the map. */
    public Map<String, Todo> findAll(TenantId tenant, Collection<String> ids) {
        List<Map<String, AttributeValue>> keys = ids.stream()
                .filter(TodoRepository::isTodoId)
                .distinct()
                .map(id -> key(tenant, id))
                .toList();
        Map<String, Todo> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_MAX_KEYS) {
            batchGet(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_MAX_KEYS)), found);
        }
        return found;
    }

    private void batchGet(List<Map<String, AttributeValue>> keys, Map<String, Todo> found) {
        Map<String, KeysAndAttributes> pending =
                Map.of(tableName, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int retry = 0; !pending.isEmpty(); retry++) {
            if (retry > UNPROCESSED_KEYS_RETRIES) {
                throw new IllegalStateException("DynamoDB left keys of " + tableName + " unprocessed after "
                        + UNPROCESSED_KEYS_RETRIES + " retries");
            }
            if (retry > 0) {
                // unprocessed keys mean the table is throttling: back off as DynamoDB asks
                pause(FIRST_RETRY_DELAY_MILLIS << (retry - 1));
            }
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response = dynamo.get().batchGetItem(batch -> batch.requestItems(request));
            response.responses().getOrDefault(tableName, List.of()).stream()
                    .map(TodoRepository::toTodo)
                    .forEach(todo -> found.put(todo.id(), todo));
            pending = response.unprocessedKeys();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry unprocessed keys", e);
        }
    }

    private static boolean isTodoId(String id) {
        return id != null && TODO_ID_SHAPE.matcher(id).matches();
    }

    private static Map<String, AttributeValue> key(TenantId tenant, String id) {
        return Map.of(TENANT_ID, string(tenant.value()), TODO_ID, string(id));
    }

    /**
     * Tenant and user ids are letters, digits and {@code . _ : @ -} (see TenantId, UserId), so {@code #} between
     * them cannot be part of either and no two pairs share a key.
     */
    private static String ownerKey(TenantId tenant, String ownerId) {
        return tenant.value() + "#" + ownerId;
    }

    private static Map<String, AttributeValue> toItem(TenantId tenant, Todo todo) {
        return Map.of(
                TENANT_ID, string(tenant.value()),
                TODO_ID, string(todo.id()),
                OWNER_KEY, string(ownerKey(tenant, todo.ownerId())),
                OWNER_ID, string(todo.ownerId()),
                TITLE, string(todo.title()),
                DONE, AttributeValue.fromBool(todo.done()),
                CREATED_AT, string(todo.createdAt()));
    }

    private static Todo toTodo(Map<String, AttributeValue> item) {
        return new Todo(
                item.get(TODO_ID).s(),
                item.get(TITLE).s(),
                Boolean.TRUE.equals(item.get(DONE).bool()),
                item.get(CREATED_AT).s(),
                item.get(OWNER_ID).s());
    }

    private static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }
}
