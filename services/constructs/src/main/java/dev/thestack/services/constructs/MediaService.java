package dev.thestack.services.constructs;

import dev.thestack.observability.ServerAccessLogs;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The Media subgraph: a Java Lambda over a DynamoDB table of attachments (keyed by tenant) and a private media
 * bucket, which starts MediaConvert jobs with a transcode role of its own. The function's role grants exactly the
 * calls the handler makes: items and index queries of its table, the attachment objects it signs uploads and
 * downloads for and writes variants to, CreateJob, and passing the transcode role to MediaConvert only. The
 * transcode role reads originals and writes HLS renditions, nothing else.
 */
public final class MediaService extends Construct {
    public static final String SERVICE_NAME = "media";
    public static final String HANDLER = "dev.thestack.services.media.MediaHandler::handleRequest";
    /** Every object lives under a tenant's attachment: tenants/&lt;tenant&gt;/attachments/&lt;id&gt;/&lt;file&gt;. */
    static final String ATTACHMENT_OBJECTS = "tenants/*/attachments/*/";
    public static final String TODO_INDEX = "byTodo";
    public static final String UPLOADER_INDEX = "byUploader";
    private static final List<String> HANDLER_WRITES = List.of("original", "thumbnail", "medium");
    /** Memory unless {@link ServiceProps#memorySizeMb()} says otherwise: resizing a 20 MiB image wants 1536 or more. */
    public static final int DEFAULT_MEMORY_MB = 1536;
    /** How long an invocation may run (completeUpload reads and resizes an image of up to 20 MiB); the router waits
     *  as long for it. */
    public static final int TIMEOUT_SECONDS = 30;
    private static final ServiceFunctions.Spec SPEC = new ServiceFunctions.Spec(SERVICE_NAME, "Media GraphQL subgraph",
            HANDLER, DEFAULT_MEMORY_MB, TIMEOUT_SECONDS, "Media subgraph: its own log group, X-Ray, its table,"
            + " its bucket's attachment objects, MediaConvert jobs with the transcode role");

    private final Bucket bucket;
    private final Table table;
    private final Function function;
    private final Alias alias;
    private final Role transcodeRole;

    public MediaService(Construct scope, String id, MediaServiceProps props) {
        super(scope, id);
        ServiceProps service = props.service();
        RemovalPolicy removal = ServiceStorage.removal(service.retainData());

        Bucket accessLogs = ServerAccessLogs.bucket(this, "AccessLogs", service.logRetentionDays(), removal);
        Bucket.Builder bucketBuilder = Bucket.Builder.create(this, "Bucket")
                // who fetched or uploaded which tenant's file, for audits: presigned requests leave no other trace
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("media/")
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("abort-unfinished-uploads")
                        // a client that gave up half-way through a multipart upload leaves parts that are billed
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .removalPolicy(removal);
        if (!props.uploadOrigins().isEmpty()) {
            bucketBuilder.cors(List.of(CorsRule.builder()
                    .allowedMethods(List.of(HttpMethods.PUT, HttpMethods.GET))
                    .allowedOrigins(props.uploadOrigins())
                    .allowedHeaders(List.of("Content-Type", "If-None-Match"))
                    .maxAge(3000)
                    .build()));
        }
        this.bucket = bucketBuilder.build();

        this.table = ServiceStorage.tenantTable(this, "attachmentId", service.retainData());
        // a todo's attachments and a user's uploads, each keyed by tenant and owner so no query crosses tenants
        addIndex(TODO_INDEX, "todoKey");
        addIndex(UPLOADER_INDEX, "uploaderKey");

        this.transcodeRole = Role.Builder.create(this, "TranscodeRole")
                .assumedBy(new ServicePrincipal("mediaconvert.amazonaws.com"))
                .description("MediaConvert transcodes of the Media subgraph: read originals, write HLS renditions")
                .build();
        transcodeRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject"))
                .resources(List.of(bucket.arnForObjects(ATTACHMENT_OBJECTS + "original")))
                .build());
        transcodeRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects(ATTACHMENT_OBJECTS + "hls/*")))
                .build());

        ServiceFunctions.Deployed deployed = ServiceFunctions.deploy(this, SPEC, service, Map.of(
                "MEDIA_TABLE_NAME", table.getTableName(),
                "MEDIA_BUCKET", bucket.getBucketName(),
                "TRANSCODE_ROLE_ARN", transcodeRole.getRoleArn()));
        this.function = deployed.function();
        this.alias = deployed.alias();
        Role role = deployed.role();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"))
                .resources(List.of(table.getTableArn(), table.getTableArn() + "/index/" + TODO_INDEX,
                        table.getTableArn() + "/index/" + UPLOADER_INDEX))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                // GetObject also covers HeadObject and the presigned download links
                .actions(List.of("s3:GetObject"))
                .resources(List.of(bucket.arnForObjects(ATTACHMENT_OBJECTS + "*")))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                // the presigned PUT of an original is made with this role's credentials; variants are written
                .actions(List.of("s3:PutObject"))
                .resources(HANDLER_WRITES.stream().map(file -> bucket.arnForObjects(ATTACHMENT_OBJECTS + file)).toList())
                .build());
        Stack stack = Stack.of(this);
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("mediaconvert:CreateJob"))
                // jobs go to the account's default queue
                .resources(List.of("arn:" + stack.getPartition() + ":mediaconvert:" + stack.getRegion() + ":"
                        + stack.getAccount() + ":queues/Default"))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("iam:PassRole"))
                .resources(List.of(transcodeRole.getRoleArn()))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "mediaconvert.amazonaws.com")))
                .build());
    }

    private void addIndex(String name, String partitionKey) {
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(name)
                .partitionKey(ServiceStorage.string(partitionKey))
                .sortKey(ServiceStorage.string("createdKey"))
                .projectionType(ProjectionType.ALL)
                .build());
    }

    public Bucket bucket() {
        return bucket;
    }

    public Table table() {
        return table;
    }

    public Function function() {
        return function;
    }

    /** What callers invoke: the published version, which starts from its SnapStart snapshot ($LATEST has none). */
    public Alias alias() {
        return alias;
    }


    public Role transcodeRole() {
        return transcodeRole;
    }
}
