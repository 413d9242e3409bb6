package dev.thestack.services.media;

import dev.thestack.services.graphql.TenantId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The attachments in DynamoDB: one item per attachment, partition key {@value #TENANT_ID} and sort key
 * {@value #ATTACHMENT_ID}. Two global secondary indexes answer the subgraph's lists without a scan, each keyed by
 * tenant and owner so that no query can reach another tenant's items:
 * {@value #BY_TODO} ({@value #TODO_KEY} = tenant#todo, oldest first) and {@value #BY_UPLOADER}
 * ({@value #UPLOADER_KEY} = tenant#user, newest first), both sorted by {@value #CREATED_KEY} (createdAt#id, so
 * that two attachments of the same millisecond keep one order) and projecting every attribute.
 *
 * <p>Reads by id are strongly consistent; the lists come from the indexes, which DynamoDB updates a moment after
 * the table (an attachment requested a split second ago may be missing from them).
 */
public final class AttachmentRepository {
    public static final String TENANT_ID = "tenantId";
    public static final String ATTACHMENT_ID = "attachmentId";
    public static final String BY_TODO = "byTodo";
    public static final String BY_UPLOADER = "byUploader";
    public static final String TODO_KEY = "todoKey";
    public static final String UPLOADER_KEY = "uploaderKey";
    public static final String CREATED_KEY = "createdKey";

    private static final String TODO_ID = "todoId";
    private static final String FILE_NAME = "fileName";
    private static final String CONTENT_TYPE = "contentType";
    private static final String STATUS = "status";
    private static final String SIZE_BYTES = "sizeBytes";
    private static final String UPLOADED_BY = "uploadedBy";
    private static final String CREATED_AT = "createdAt";
    private static final String VARIANTS = "variants";
    private static final String VARIANT_NAME = "name";
    private static final String VARIANT_WIDTH = "width";
    private static final String VARIANT_HEIGHT = "height";
    private static final String VARIANT_CONTENT_TYPE = "contentType";
    private static final String JOB_ID = "jobId";
    private static final String JOB_STATUS = "jobStatus";
    private static final String FAILURE_REASON = "failureReason";
    /** Tenant and user ids never hold it (see TenantId, UserId), so the composite keys cannot collide. */
    private static final String SEPARATOR = "#";
    // every id this repository wrote has this shape; anything else cannot match and need not cost a read
    private static final Pattern ATTACHMENT_ID_SHAPE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Supplier<DynamoDbClient> dynamo;
    private final String tableName;

    public AttachmentRepository(DynamoDbClient dynamo, String tableName) {
        this(() -> dynamo, tableName);
    }

    /** With a client that may still be in the making when the repository is (a handler's parallel init). */
    public AttachmentRepository(Supplier<DynamoDbClient> dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    public void create(TenantId tenant, Attachment attachment) {
        dynamo.get().putItem(put -> put.tableName(tableName)
                .item(toItem(tenant, attachment))
                // an id collision must fail loudly, not overwrite someone's attachment
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", ATTACHMENT_ID)));
    }

    public Optional<Attachment> find(TenantId tenant, String id) {
        if (id == null || !ATTACHMENT_ID_SHAPE.matcher(id).matches()) {
            return Optional.empty();
        }
        GetItemResponse response = dynamo.get().getItem(get -> get.tableName(tableName)
                .key(Map.of(TENANT_ID, string(tenant.value()), ATTACHMENT_ID, string(id)))
                .consistentRead(true));
        return response.hasItem() ? Optional.of(toAttachment(response.item())) : Optional.empty();
    }

    /**
     * Stores the attachment's next state if it is still {@link AttachmentStatus#AWAITING_UPLOAD}; false when
     * another completeUpload got there first (the caller reads what that one stored).
     */
    public boolean completeIfAwaiting(TenantId tenant, Attachment completed) {
        try {
            dynamo.get().putItem(put -> put.tableName(tableName)
                    .item(toItem(tenant, completed))
                    .conditionExpression("#status = :awaiting")
                    .expressionAttributeNames(Map.of("#status", STATUS))
                    .expressionAttributeValues(Map.of(":awaiting", string(AttachmentStatus.AWAITING_UPLOAD.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** At most {@code limit} of the todo's attachments, oldest first. */
    public List<Attachment> byTodo(TenantId tenant, String todoId, int limit) {
        return query(indexQuery(BY_TODO, TODO_KEY, composite(tenant, todoId)).limit(limit).scanIndexForward(true));
    }

    /** How many attachments the todo has, counting no further than {@code atMost}. */
    public int countByTodo(TenantId tenant, String todoId, int atMost) {
        return dynamo.get().query(indexQuery(BY_TODO, TODO_KEY, composite(tenant, todoId))
                .select(Select.COUNT).limit(atMost).build()).count();
    }

    /** At most {@code limit} of the attachments the user uploaded, newest first. */
    public List<Attachment> byUploader(TenantId tenant, String userId, int limit) {
        return query(indexQuery(BY_UPLOADER, UPLOADER_KEY, composite(tenant, userId)).limit(limit).scanIndexForward(false));
    }

    private QueryRequest.Builder indexQuery(String index, String keyAttribute, String key) {
        return QueryRequest.builder().tableName(tableName)
                .indexName(index)
                .keyConditionExpression("#key = :key")
                .expressionAttributeNames(Map.of("#key", keyAttribute))
                .expressionAttributeValues(Map.of(":key", string(key)));
    }

    private List<Attachment> query(QueryRequest.Builder query) {
        return dynamo.get().query(query.build()).items().stream().map(AttachmentRepository::toAttachment).toList();
    }

    private static String composite(TenantId tenant, String id) {
        return tenant.value() + SEPARATOR + id;
    }

    private static Map<String, AttributeValue> toItem(TenantId tenant, Attachment attachment) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TENANT_ID, string(tenant.value()));
        item.put(ATTACHMENT_ID, string(attachment.id()));
        item.put(TODO_KEY, string(composite(tenant, attachment.todoId())));
        item.put(UPLOADER_KEY, string(composite(tenant, attachment.uploadedBy())));
        item.put(CREATED_KEY, string(attachment.createdAt() + SEPARATOR + attachment.id()));
        item.put(TODO_ID, string(attachment.todoId()));
        item.put(FILE_NAME, string(attachment.fileName()));
        item.put(CONTENT_TYPE, string(attachment.type().contentType()));
        item.put(STATUS, string(attachment.status().name()));
        item.put(SIZE_BYTES, AttributeValue.fromN(Long.toString(attachment.sizeBytes())));
        item.put(UPLOADED_BY, string(attachment.uploadedBy()));
        item.put(CREATED_AT, string(attachment.createdAt()));
        if (!attachment.variants().isEmpty()) {
            item.put(VARIANTS, AttributeValue.fromL(attachment.variants().stream()
                    .map(variant -> AttributeValue.fromM(Map.of(
                            VARIANT_NAME, string(variant.name()),
                            VARIANT_WIDTH, AttributeValue.fromN(Integer.toString(variant.width())),
                            VARIANT_HEIGHT, AttributeValue.fromN(Integer.toString(variant.height())),
                            VARIANT_CONTENT_TYPE, string(variant.contentType()))))
                    .toList()));
        }
        if (attachment.transcode() != null) {
            item.put(JOB_ID, string(attachment.transcode().jobId()));
            item.put(JOB_STATUS, string(attachment.transcode().status()));
        }
        if (attachment.failureReason() != null) {
            item.put(FAILURE_REASON, string(attachment.failureReason()));
        }
        return item;
    }

    private static Attachment toAttachment(Map<String, AttributeValue> item) {
        List<Attachment.Variant> variants = item.containsKey(VARIANTS)
                ? item.get(VARIANTS).l().stream().map(AttributeValue::m).map(variant -> new Attachment.Variant(
                        variant.get(VARIANT_NAME).s(),
                        Integer.parseInt(variant.get(VARIANT_WIDTH).n()),
                        Integer.parseInt(variant.get(VARIANT_HEIGHT).n()),
                        variant.get(VARIANT_CONTENT_TYPE).s())).toList()
                : List.of();
        Attachment.Transcode transcode = item.containsKey(JOB_ID)
                ? new Attachment.Transcode(item.get(JOB_ID).s(), item.get(JOB_STATUS).s())
                : null;
        return new Attachment(
                item.get(ATTACHMENT_ID).s(),
                item.get(TODO_ID).s(),
                item.get(FILE_NAME).s(),
                MediaType.of(item.get(CONTENT_TYPE).s()),
                AttachmentStatus.valueOf(item.get(STATUS).s()),
                Long.parseLong(item.get(SIZE_BYTES).n()),
                item.get(UPLOADED_BY).s(),
                item.get(CREATED_AT).s(),
                variants,
                transcode,
                item.containsKey(FAILURE_REASON) ? item.get(FAILURE_REASON).s() : null);
    }

    private static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }
}
