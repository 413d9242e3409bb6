package dev.thestack.bench;

import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.awslocal.LambdaHttpServer;
import dev.thestack.services.graphql.EntityIds;
import dev.thestack.services.media.MediaConvertJobs;
import dev.thestack.services.media.MediaHandler;
import dev.thestack.services.media.MediaTables;
import dev.thestack.services.todo.TodoHandler;
import dev.thestack.services.todo.TodoTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * dynalite with the Todo and Media tables, and both subgraphs' Lambda handlers as built, each behind API Gateway's
 * proxy on loopback ({@link LambdaHttpServer}), for the routers the benchmarks put in front of them. The
 * benchmarks' queries read attachments from DynamoDB only, so Media's S3 and MediaConvert clients point at a port
 * nothing listens on and are never called.
 */
final class BenchSubgraphs implements AutoCloseable {
    static final String TODO_TABLE = "bench-todos";
    static final String MEDIA_TABLE = "bench-attachments";
    private static final String ENVIRONMENT = "bench";

    private final DynaliteExtension dynalite;
    private final LambdaHttpServer todo;
    private final LambdaHttpServer media;

    private BenchSubgraphs(DynaliteExtension dynalite, LambdaHttpServer todo, LambdaHttpServer media) {
        this.dynalite = dynalite;
        this.todo = todo;
        this.media = media;
    }

    static BenchSubgraphs start() throws InterruptedException {
        DynaliteExtension dynalite = DynaliteExtension.withTables(TodoTables.todoTable(TODO_TABLE),
                MediaTables.attachmentsTable(MEDIA_TABLE));
        // the extension reads nothing of JUnit's context: it starts dynalite and creates the tables
        dynalite.beforeAll(null);
        LambdaHttpServer todo = LambdaHttpServer.builder()
                .handler(new TodoHandler(dynalite.client(), TODO_TABLE, ENVIRONMENT))
                .functionName("todo")
                .start();
        LambdaHttpServer media = LambdaHttpServer.builder()
                .handler(new MediaHandler(dynalite.client(), unusedS3(), unusedMediaConvert(),
                        new MediaHandler.Settings(MEDIA_TABLE, "bench-media", ENVIRONMENT), Clock.systemUTC(),
                        EntityIds.randomUuids()))
                .functionName("media")
                .start();
        return new BenchSubgraphs(dynalite, todo, media);
    }

    /** Where DynamoDB's API answers, for handlers started in other processes. */
    URI dynamoDbEndpoint() {
        return dynalite.endpoint();
    }

    URI todo() {
        return todo.uri();
    }

    /** Each subgraph by its name in the supergraph. */
    Map<String, URI> urls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        urls.put("todo", todo.uri());
        urls.put("media", media.uri());
        return urls;
    }

    @Override
    public void close() {
        media.close();
        todo.close();
        dynalite.afterAll(null);
    }

    private static S3Client unusedS3() {
        return S3Client.builder()
                .endpointOverride(unusedLoopbackPort())
                .region(DynaliteExtension.REGION)
                .credentialsProvider(DynaliteExtension.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static MediaConvertJobs unusedMediaConvert() {
        return new MediaConvertJobs(UrlConnectionHttpClient.create(), unusedLoopbackPort(), DynaliteExtension.REGION,
                DynaliteExtension.CREDENTIALS, "arn:aws:iam::123456789012:role/bench-transcode");
    }

    static URI unusedLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
