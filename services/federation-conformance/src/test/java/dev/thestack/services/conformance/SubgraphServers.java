package dev.thestack.services.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.awslocal.LambdaHttpServer;
import dev.thestack.services.awslocal.S3rverExtension;
import dev.thestack.services.conformance.GraphQLHttpClient.Answer;
import dev.thestack.services.graphql.EntityIds;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import dev.thestack.services.media.MediaConvertJobs;
import dev.thestack.services.media.MediaHandler;
import dev.thestack.services.todo.TodoHandler;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The subgraphs as they run in AWS, each its Lambda handler behind API Gateway (here {@link LambdaHttpServer}),
 * on dynalite and s3rver; and the data every tenant of the corpus starts with, written through the subgraphs
 * themselves. Ids count per tenant and the clock stands still, so two tenants seeded alike answer alike.
 */
final class SubgraphServers implements BeforeAllCallback, AfterAllCallback {
    static final String TODO_TABLE = "conformance-todos";
    static final String MEDIA_TABLE = "conformance-attachments";
    static final String MEDIA_BUCKET = "conformance-media";
    /**
     * Stands still for the whole class, so both routers see the same createdAt and expiresAt; the moment the class
     * starts, since s3rver refuses a presigned URL whose 15 minutes have passed by its own clock.
     */
    static final Clock CLOCK = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    static final String ALICE = "alice";
    static final String BOB = "bob";
    /** The first todo each tenant gets, where the seeded attachments hang. */
    static final String FIRST_TODO = "00000000-0000-4000-8000-000000000001";
    /** What every tenant holds before its operation runs, in the order it is created. */
    static final List<SeedTodo> SEED_TODOS = List.of(
            new SeedTodo("Buy milk", ALICE),
            new SeedTodo("Write the report", ALICE),
            new SeedTodo("Fix the bike", BOB));
    // no video is completed in the corpus, so MediaConvert is never called: nothing listens there
    private static final URI NO_MEDIACONVERT = URI.create("http://127.0.0.1:9/");
    private static final String REQUEST_UPLOAD = """
            mutation Seed($input: RequestUploadInput!) {
              requestUpload(input: $input) { attachment { id } uploadUrl uploadHeaders { name value } }
            }""";

    record SeedTodo(String title, String owner) {
    }

    private final DynaliteExtension dynalite;
    private final S3rverExtension s3;
    private final GraphQLHttpClient client = new GraphQLHttpClient();
    private final HttpClient http = HttpClient.newHttpClient();
    private final byte[] photo = png(640, 480);
    private LambdaHttpServer todo;
    private LambdaHttpServer media;

    SubgraphServers(DynaliteExtension dynalite, S3rverExtension s3) {
        this.dynalite = dynalite;
        this.s3 = s3;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        todo = LambdaHttpServer.builder()
                .handler(new TodoHandler(dynalite.client(), TODO_TABLE, "test", EntityIds.sequentialPerTenant(), CLOCK))
                .functionName("todo")
                .start();
        S3Client s3Client = S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(DynaliteExtension.REGION)
                .credentialsProvider(S3rverExtension.CREDENTIALS)
                .serviceConfiguration(S3rverExtension.CLIENT_SETTINGS)
                .requestChecksumCalculation(S3rverExtension.CHECKSUMS_WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        media = LambdaHttpServer.builder()
                .handler(new MediaHandler(dynalite.client(), s3Client,
                        new MediaConvertJobs(UrlConnectionHttpClient.create(), NO_MEDIACONVERT, DynaliteExtension.REGION,
                                S3rverExtension.CREDENTIALS, "arn:aws:iam::123456789012:role/conformance-transcode"),
                        new MediaHandler.Settings(MEDIA_TABLE, MEDIA_BUCKET, "test"), CLOCK,
                        EntityIds.sequentialPerTenant()))
                .functionName("media")
                .start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (todo != null) {
            todo.close();
        }
        if (media != null) {
            media.close();
        }
    }

    /** Each subgraph's name in the supergraph and where it answers. */
    Map<String, URI> urls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        urls.put("todo", todo.uri());
        urls.put("media", media.uri());
        return urls;
    }

    /**
     * Gives the tenant the corpus's starting data, asking each subgraph directly (no router involved): three todos,
     * a photo on the first (uploaded and complete, so READY with its variants) and a video on it that was announced
     * but never uploaded (AWAITING_UPLOAD).
     */
    void seed(String tenant) {
        for (SeedTodo seed : SEED_TODOS) {
            ok(tenant, client.post(todo.uri(),
                    "mutation Seed($title: String!) { createTodo(input: {title: $title}) { id } }",
                    Map.of("title", seed.title()), null, headers(tenant, seed.owner())));
        }
        JsonNode photoTicket = ok(tenant, client.post(media.uri(), REQUEST_UPLOAD, Map.of("input", Map.of(
                "todoId", FIRST_TODO, "fileName", "photo.png", "contentType", "image/png", "sizeBytes", photo.length)),
                null, headers(tenant, ALICE))).data().path("requestUpload");
        upload(photoTicket, photo);
        ok(tenant, client.post(media.uri(), "mutation Seed($id: ID!) { completeUpload(id: $id) { status } }",
                Map.of("id", photoTicket.path("attachment").path("id").asText()), null, headers(tenant, ALICE)));
        ok(tenant, client.post(media.uri(), REQUEST_UPLOAD, Map.of("input", Map.of(
                "todoId", FIRST_TODO, "fileName", "clip.mp4", "contentType", "video/mp4", "sizeBytes", 1_000_000)),
                null, headers(tenant, BOB)));
    }

    private static Answer ok(String tenant, Answer answer) {
        assertThat(answer.errors().isMissingNode()).as("seeding %s: %s", tenant, answer.body()).isTrue();
        return answer;
    }

    private void upload(JsonNode ticket, byte[] file) {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ticket.path("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file));
        ticket.path("uploadHeaders").forEach(header -> put.header(header.path("name").asText(), header.path("value").asText()));
        try {
            HttpResponse<String> response = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("PUT to the presigned URL: %s", response.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> headers(String tenant, String user) {
        return Map.of("Content-Type", "application/json", TenantId.HEADER, tenant, UserId.HEADER, user);
    }

    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
