package dev.thestack.services.media;

import static dev.thestack.services.graphql.GraphQLHandlers.requiredVariable;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.instrumentation.InvocationAnnotations;
import dev.thestack.services.instrumentation.LambdaAwsClients;
import dev.thestack.services.instrumentation.ParallelInit;
import dev.thestack.services.instrumentation.ServiceMetrics;
import dev.thestack.services.graphql.EntityIds;
import dev.thestack.services.graphql.GraphQLHandlers;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.graphql.HttpRequirements;
import dev.thestack.services.graphql.QueryLimits;
import dev.thestack.services.graphql.SnapStartPriming;
import dev.thestack.services.graphql.SubgraphInvocation;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.tracing.CaptureMode;
import software.amazon.lambda.powertools.tracing.Tracing;

/**
 * The Media subgraph's Lambda ({@code dev.thestack.services.media.MediaHandler::handleRequest}) behind API
 * Gateway: GraphQL over HTTP POST of JSON ({@link HttpRequirements}), the tenant from the required
 * {@value TenantId#HEADER} header, the user from the {@value UserId#HEADER} header (required by the upload
 * mutations only), the body at most {@value GraphQLRequestParser#MAX_BODY_BYTES} bytes, the operation within
 * {@link QueryLimits}.
 *
 * <p>Environment: {@value #ENV_TABLE_NAME}, {@value #ENV_BUCKET} and {@value #ENV_TRANSCODE_ROLE_ARN} (required),
 * {@value #ENV_MEDIACONVERT_ENDPOINT}, {@value AwsClients#ENV_ENDPOINT} and {@value AwsClients#ENV_DYNAMODB_ENDPOINT}
 * (optional: local servers), {@code STACK_ENVIRONMENT} (default {@value #DEFAULT_ENVIRONMENT}), and Powertools'
 * own {@code POWERTOOLS_SERVICE_NAME} (default {@value #DEFAULT_SERVICE}).
 */
public final class MediaHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    public static final String ENV_TABLE_NAME = "MEDIA_TABLE_NAME";
    public static final String ENV_BUCKET = "MEDIA_BUCKET";
    /** The role MediaConvert assumes for a transcode: read the originals, write the HLS renditions. */
    public static final String ENV_TRANSCODE_ROLE_ARN = "TRANSCODE_ROLE_ARN";
    public static final String ENV_MEDIACONVERT_ENDPOINT = "MEDIACONVERT_ENDPOINT";
    public static final String DEFAULT_ENVIRONMENT = "dev";
    public static final String DEFAULT_SERVICE = "media";

    private static final Logger LOG = LogManager.getLogger(MediaHandler.class);

    /**
     * Where the handler keeps things and what it reports as.
     *
     * @param environmentName the Environment dimension of its metrics
     */
    public record Settings(String tableName, String bucket, String environmentName) {
    }

    private final MediaSubgraph subgraph;
    private final ServiceMetrics metrics;
    private final SubgraphInvocation invocation;
    private final ObjectMapper json = new ObjectMapper();
    // CRaC holds its resources weakly: the handler keeps its priming hooks alive
    private final MediaPriming priming;

    /** The Lambda runtime's constructor: one set of clients and one schema per execution environment. */
    public MediaHandler() {
        this(System.getenv());
    }

    MediaHandler(Map<String, String> environment) {
        this(environment, ParallelInit.start("dynamodb-client", () -> AwsClients.dynamoDb(environment)),
                s3Client(environment),
                new MediaConvertJobs(UrlConnectionHttpClient.create(), optionalUri(environment, ENV_MEDIACONVERT_ENDPOINT),
                        Region.of(requiredVariable(environment, LambdaAwsClients.ENV_REGION)),
                        LambdaAwsClients.credentials(environment),
                        requiredVariable(environment, ENV_TRANSCODE_ROLE_ARN)),
                new Settings(requiredVariable(environment, ENV_TABLE_NAME), requiredVariable(environment, ENV_BUCKET),
                        environment.getOrDefault(MetricContract.ENV_ENVIRONMENT, DEFAULT_ENVIRONMENT)),
                Clock.systemUTC(),
                EntityIds.randomUuids());
    }

    /**
     * @param clock the time of createdAt, expiresAt and of the signatures of every link handed out: a fixed clock
     *              and {@link EntityIds#sequentialPerTenant()} make every answer repeatable
     */
    public MediaHandler(DynamoDbClient dynamo, S3Client s3, MediaConvertJobs transcodes, Settings settings, Clock clock,
                        EntityIds ids) {
        this(Map.of(), () -> dynamo, () -> s3, transcodes, settings, clock, ids);
    }

    // the DynamoDB client may still be in the making on its own thread while this one builds the schema; the
    // environment says how Lambda initializes the function, and so how to prime
    private MediaHandler(Map<String, String> environment, Supplier<DynamoDbClient> dynamo, Supplier<S3Client> s3,
                         MediaConvertJobs transcodes, Settings settings, Clock clock, EntityIds ids) {
        String service = System.getenv().getOrDefault(MetricContract.ENV_SERVICE_NAME, DEFAULT_SERVICE);
        this.metrics = new ServiceMetrics(service, settings.environmentName());
        this.subgraph = new MediaSubgraph(new AttachmentRepository(dynamo, settings.tableName()),
                new MediaStore(s3, settings.bucket(), clock), transcodes, ids, clock, metrics);
        GraphQLRequestParser requestParser = new GraphQLRequestParser(json);
        this.invocation = new SubgraphInvocation(requestParser, InvocationAnnotations::tenant,
                InvocationAnnotations::operation, LOG);
        // a client that could not be built fails the init, as it did when it was built on this thread
        dynamo.get();
        this.priming = SnapStartPriming.register(new MediaPriming(subgraph, requestParser, json), environment);
    }

    @Override
    // No correlationIdPath (GraphQLHandlers.correlate says why)
    @Logging(logEvent = false, clearState = true)
    // Powertools would otherwise copy every response, presigned URLs included, into the trace
    @Tracing(captureMode = CaptureMode.DISABLED)
    @Metrics(namespace = MetricContract.NAMESPACE, captureColdStart = true)
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        GraphQLHandlers.correlate(event);
        GraphQLHttpResponse response = invocation.serve(event,
                (request, tenant, headers) -> subgraph.execute(request, tenant, UserId.optionalFromHeaders(headers)));
        return GraphQLHandlers.answer(response, metrics, LOG, json);
    }

    /**
     * On demand, the S3 client is built by the first request that needs it (the store's); with SnapStart, at init,
     * so that the snapshot holds it.
     */
    private static Supplier<S3Client> s3Client(Map<String, String> environment) {
        if (SnapStartPriming.SNAP_START.equals(environment.get(SnapStartPriming.ENV_INITIALIZATION_TYPE))) {
            S3Client s3 = AwsClients.s3(environment).build();
            return () -> s3;
        }
        return () -> AwsClients.s3(environment).build();
    }

    private static URI optionalUri(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : URI.create(value);
    }
}
