package dev.thestack.services.media;

import com.apollographql.federation.graphqljava.Federation;
import com.apollographql.federation.graphqljava._Entity;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.instrumentation.ServiceMetrics;
import dev.thestack.services.graphql.ClientErrorMessages;
import dev.thestack.services.graphql.EntityIds;
import dev.thestack.services.graphql.ExecutedRequest;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.graphql.InvalidInputException;
import dev.thestack.services.graphql.StrictIdScalar;
import dev.thestack.services.graphql.SubgraphEngine;
import dev.thestack.services.graphql.SubgraphSchemas;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaParser;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Media subgraph: the SDL of {@value #SDL_RESOURCE} wired to the attachments table, the media bucket and
 * MediaConvert, made an Apollo Federation v2 subgraph. It resolves {@code Todo} (its attachments, and
 * {@code canAttach} from the {@code done} the router brings from the Todo subgraph), {@code User} (their uploads)
 * and {@code Attachment} entities through {@code _entities}.
 *
 * <p>An upload is two calls: requestUpload stores the attachment as AWAITING_UPLOAD and hands out a presigned PUT
 * bound to the announced type and size; completeUpload checks the stored object (HeadObject: type and size; its
 * first bytes: the format) and then makes an image's variants (READY) or starts a video's HLS transcode
 * (PROCESSING). A file that is not what was announced makes the attachment FAILED.
 */
public final class MediaSubgraph {
    public static final String SDL_RESOURCE = "/media.graphqls";
    public static final int MAX_LIMIT = 100;
    /** A todo's attachments are listed whole, so their number is bounded. */
    public static final int MAX_ATTACHMENTS_PER_TODO = 100;
    static final String HLS_FOLDER = "hls/";

    private static final Logger LOG = LogManager.getLogger(MediaSubgraph.class);
    // fixed width, so that the text sorts as the instants do (the indexes sort by it)
    private static final DateTimeFormatter CREATED_AT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    /** A Todo as the router names it; {@code done} only when the router brings it for canAttach. */
    record TodoReference(String id, Boolean done) {
    }

    /** A User as the router names it. */
    record UserReference(String id) {
    }

    private final AttachmentRepository attachments;
    private final MediaStore store;
    private final MediaConvertJobs transcodes;
    private final EntityIds ids;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final ImageVariants imageVariants = new ImageVariants();
    private final SubgraphEngine engine;

    public MediaSubgraph(AttachmentRepository attachments, MediaStore store, MediaConvertJobs transcodes,
                         EntityIds ids, Clock clock, ServiceMetrics metrics) {
        this.attachments = attachments;
        this.store = store;
        this.transcodes = transcodes;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
        this.engine = new SubgraphEngine(schema());
    }

    /**
     * Runs the request for the tenant, as the user when the request names one (only the upload mutations need
     * one); errors come back in the result, never as exceptions.
     */
    public ExecutedRequest execute(GraphQLRequest request, TenantId tenant, Optional<UserId> user) {
        return engine.execute(request, tenant, user);
    }

    private GraphQLSchema schema() {
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                // replacing a built-in scalar is what strict mode (on by default) exists to refuse, so only here
                .strictMode(false)
                .scalar(StrictIdScalar.ID)
                .strictMode(true)
                .type("Query", query -> query
                        .dataFetcher("attachment", env -> attachments.find(tenant(env), env.getArgument("id")).orElse(null)))
                .type("Mutation", mutation -> mutation
                        .dataFetcher("requestUpload", this::requestUpload)
                        .dataFetcher("completeUpload", this::completeUpload))
                .type("Todo", todo -> todo
                        .dataFetcher("attachments", env -> attachments.byTodo(tenant(env),
                                env.<TodoReference>getSource().id(), MAX_ATTACHMENTS_PER_TODO))
                        .dataFetcher("canAttach", MediaSubgraph::canAttach))
                .type("User", user -> user
                        .dataFetcher("uploads", env -> attachments.byUploader(tenant(env),
                                env.<UserReference>getSource().id(), SubgraphSchemas.limit(env, MAX_LIMIT))))
                .type("Attachment", attachment -> attachment
                        .dataFetcher("todo", env -> new TodoReference(env.<Attachment>getSource().todoId(), null))
                        .dataFetcher("contentType", env -> env.<Attachment>getSource().type().contentType())
                        .dataFetcher("kind", env -> env.<Attachment>getSource().type().kind().name())
                        .dataFetcher("sizeBytes", MediaSubgraph::sizeBytes)
                        .dataFetcher("url", this::url)
                        .dataFetcher("variants", this::variants)
                        .dataFetcher("uploadedBy", env -> new UserReference(env.<Attachment>getSource().uploadedBy())))
                .build();
        return Federation.transform(
                        new SchemaParser().parse(SubgraphSchemas.sdl(MediaSubgraph.class, SDL_RESOURCE)), wiring)
                .fetchEntities(this::entities)
                .resolveEntityType(env -> env.getSchema().getObjectType(entityType(env.getObject())))
                .build();
    }

    private Map<String, Object> requestUpload(DataFetchingEnvironment env) {
        TenantId tenant = tenant(env);
        UserId user = user(env, "requestUpload");
        UploadRequest request = UploadRequest.fromInput(env.getArgument("input"));
        if (attachments.countByTodo(tenant, request.todoId(), MAX_ATTACHMENTS_PER_TODO) >= MAX_ATTACHMENTS_PER_TODO) {
            throw new InvalidInputException("The todo has " + MAX_ATTACHMENTS_PER_TODO
                    + " attachments, the most it may have; attach the file to another todo");
        }
        Attachment attachment = Attachment.awaitingUpload(ids.next(tenant), request, user.value(),
                CREATED_AT_FORMAT.format(clock.instant()));
        attachments.create(tenant, attachment);
        MediaStore.Upload upload = store.presignUpload(
                MediaStore.key(tenant, attachment.id(), MediaStore.ORIGINAL), request.type(), request.sizeBytes());
        metrics.count(MetricContract.UPLOADS_REQUESTED);
        return Map.of(
                "attachment", attachment,
                "uploadUrl", upload.url(),
                "uploadHeaders", upload.headers().entrySet().stream()
                        .map(header -> Map.of("name", header.getKey(), "value", header.getValue())).toList(),
                "expiresAt", upload.expiresAt().toString());
    }

    private Attachment completeUpload(DataFetchingEnvironment env) {
        TenantId tenant = tenant(env);
        UserId user = user(env, "completeUpload");
        String id = env.getArgument("id");
        Attachment attachment = attachments.find(tenant, id)
                .filter(found -> found.uploadedBy().equals(user.value()))
                .orElseThrow(() -> new InvalidInputException("You have no attachment with id \""
                        + ClientText.shortened(id) + "\"; use the id that requestUpload returned to you"));
        if (attachment.status() != AttachmentStatus.AWAITING_UPLOAD) {
            // completed before (a retry): the answer is what that call stored
            return attachment;
        }
        String original = MediaStore.key(tenant, attachment.id(), MediaStore.ORIGINAL);
        Optional<MediaStore.StoredObject> found = store.head(original);
        if (found.isEmpty()) {
            // still AWAITING_UPLOAD: the PUT may yet succeed
            metrics.count(MetricContract.UPLOADS_REJECTED);
            throw new InvalidInputException("The file of attachment " + attachment.id() + " has not been uploaded"
                    + " yet; PUT it to the uploadUrl of requestUpload with its uploadHeaders, then call completeUpload again");
        }
        MediaStore.StoredObject stored = found.get();
        Attachment completed;
        try {
            check(attachment, stored, original);
            completed = attachment.type().kind() == MediaKind.IMAGE
                    ? withVariants(tenant, attachment)
                    : transcoding(tenant, attachment);
        } catch (UnacceptableFileException e) {
            Attachment failed = attachment.failed(e.getMessage());
            if (!attachments.completeIfAwaiting(tenant, failed)) {
                return attachments.find(tenant, id).orElseThrow();
            }
            metrics.count(MetricContract.UPLOADS_REJECTED);
            throw new InvalidInputException("The uploaded file was refused: " + e.getMessage()
                    + ". The attachment is FAILED; request a new upload for the right file");
        }
        if (!attachments.completeIfAwaiting(tenant, completed)) {
            return attachments.find(tenant, id).orElseThrow();
        }
        metrics.count(MetricContract.UPLOADS_COMPLETED);
        if (completed.transcode() != null) {
            metrics.count(MetricContract.TRANSCODE_JOBS_STARTED);
        }
        return completed;
    }

    /** Refuses a stored object whose size, type or first bytes are not the announced ones. */
    private void check(Attachment attachment, MediaStore.StoredObject stored, String key)
            throws UnacceptableFileException {
        if (stored.sizeBytes() != attachment.sizeBytes()) {
            throw new UnacceptableFileException("it has " + stored.sizeBytes() + " bytes, not the "
                    + attachment.sizeBytes() + " announced");
        }
        if (!attachment.type().contentType().equalsIgnoreCase(String.valueOf(stored.contentType()))) {
            throw new UnacceptableFileException("it was stored as " + stored.contentType() + ", not as the "
                    + attachment.type().contentType() + " announced");
        }
        byte[] start = store.readStart(key, MediaType.SIGNATURE_BYTES);
        if (!attachment.type().matchesStart(start)) {
            MediaType detected = MediaType.detect(start);
            throw new UnacceptableFileException("its content is " + (detected == null
                    ? "none of " + MediaType.allowed()
                    : detected.contentType()) + ", not " + attachment.type().contentType());
        }
    }

    private Attachment withVariants(TenantId tenant, Attachment attachment)
            throws UnacceptableFileException {
        List<ImageVariants.Rendered> rendered = imageVariants.render(
                store.read(MediaStore.key(tenant, attachment.id(), MediaStore.ORIGINAL)), attachment.type());
        List<Attachment.Variant> made = new ArrayList<>();
        for (ImageVariants.Rendered copy : rendered) {
            store.write(MediaStore.key(tenant, attachment.id(), copy.variant().name()), copy.content(),
                    copy.variant().contentType());
            made.add(copy.variant());
        }
        return attachment.ready(made);
    }

    private Attachment transcoding(TenantId tenant, Attachment attachment) {
        Map<String, String> metadata = Map.of(
                "tenant", tenant.value(),
                "attachment", attachment.id(),
                "todo", attachment.todoId());
        Attachment.Transcode job = transcodes.createHlsJob(
                store.s3Url(MediaStore.key(tenant, attachment.id(), MediaStore.ORIGINAL)),
                store.s3Url(MediaStore.prefix(tenant, attachment.id()) + HLS_FOLDER),
                metadata,
                // one job per attachment, however often completeUpload is retried
                tenant.value() + ":" + attachment.id());
        LOG.info("Transcode job {} started for attachment {}", job.jobId(), attachment.id());
        return attachment.processing(job);
    }

    private static String entityType(Object entity) {
        if (entity instanceof TodoReference) {
            return "Todo";
        }
        if (entity instanceof UserReference) {
            return "User";
        }
        if (entity instanceof Attachment) {
            return "Attachment";
        }
        throw new IllegalStateException("not an entity of this subgraph: " + entity.getClass().getName());
    }

    private static boolean canAttach(DataFetchingEnvironment env) {
        Boolean done = env.<TodoReference>getSource().done();
        if (done == null) {
            throw new InvalidInputException("canAttach needs the todo's done field in the Todo representation"
                    + " (@requires(fields: \"done\")); send {\"__typename\": \"Todo\", \"id\": ..., \"done\": ...}");
        }
        return !done;
    }

    private static Integer sizeBytes(DataFetchingEnvironment env) {
        Attachment attachment = env.getSource();
        return attachment.status() == AttachmentStatus.AWAITING_UPLOAD ? null : Math.toIntExact(attachment.sizeBytes());
    }

    private String url(DataFetchingEnvironment env) {
        Attachment attachment = env.getSource();
        return attachment.status() == AttachmentStatus.READY
                ? store.presignDownload(MediaStore.key(tenant(env), attachment.id(), MediaStore.ORIGINAL))
                : null;
    }

    private List<Map<String, Object>> variants(DataFetchingEnvironment env) {
        Attachment attachment = env.getSource();
        return attachment.variants().stream().map(variant -> Map.<String, Object>of(
                "name", variant.name(),
                "width", variant.width(),
                "height", variant.height(),
                "url", store.presignDownload(MediaStore.key(tenant(env), attachment.id(), variant.name())))).toList();
    }

    /**
     * One entry per representation, in order: the entity, or null where the tenant has no attachment with that
     * id. A representation this subgraph cannot resolve is answered with null and an error at its index, as the
     * federation spec asks; the others resolve.
     */
    private DataFetcherResult<List<Object>> entities(DataFetchingEnvironment env) {
        List<?> representations = env.getArgument(_Entity.argumentName);
        List<Object> resolved = new ArrayList<>(representations.size());
        List<GraphQLError> errors = new ArrayList<>();
        for (int index = 0; index < representations.size(); index++) {
            try {
                resolved.add(entity(tenant(env), representations.get(index)));
            } catch (InvalidInputException e) {
                resolved.add(null);
                errors.add(SubgraphSchemas.representationError(env, index, e.getMessage()));
            }
        }
        return DataFetcherResult.<List<Object>>newResult().data(resolved).errors(errors).build();
    }

    private Object entity(TenantId tenant, Object representation) {
        if (!(representation instanceof Map<?, ?> fields)) {
            throw new InvalidInputException("A representation must be an object with \"__typename\" and the key"
                    + " fields, not " + ClientErrorMessages.jsonKindOf(representation));
        }
        Object typename = fields.get("__typename");
        if (!(fields.get("id") instanceof String id)) {
            throw new InvalidInputException("A representation needs its key field \"id\" as a string");
        }
        if ("Todo".equals(typename)) {
            Object done = fields.get("done");
            if (done != null && !(done instanceof Boolean)) {
                throw new InvalidInputException("A Todo representation's \"done\" must be true or false");
            }
            return new TodoReference(id, (Boolean) done);
        }
        if ("User".equals(typename)) {
            return new UserReference(id);
        }
        if ("Attachment".equals(typename)) {
            return attachments.find(tenant, id).orElse(null);
        }
        throw new InvalidInputException("This subgraph resolves Todo, User and Attachment entities, not "
                + (typename instanceof String name ? ClientText.shortened(name) : "a representation without a"
                + " string \"__typename\""));
    }

    private static TenantId tenant(DataFetchingEnvironment env) {
        return SubgraphEngine.tenant(env);
    }

    private static UserId user(DataFetchingEnvironment env, String operation) {
        return SubgraphEngine.user(env).orElseThrow(() -> new InvalidInputException(operation
                + " acts for a user: send the " + UserId.HEADER + " header naming who uploads"));
    }
}
