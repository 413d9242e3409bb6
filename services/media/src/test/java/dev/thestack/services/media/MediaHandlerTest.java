package dev.thestack.services.media;

import static dev.thestack.services.media.MediaCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.awslocal.MediaConvertExtension;
import dev.thestack.services.awslocal.S3rverExtension;
import dev.thestack.services.awslocal.StandardOutput;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.graphql.EntityIds;
import dev.thestack.services.media.MediaCalls.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The handler as Lambda runs it, with its real SDK clients against dynalite (DynamoDB), s3rver behind S3's
 * presigned-URL check (S3) and a MediaConvert stand-in speaking its REST-JSON API.
 */
class MediaHandlerTest {
    private static final String TABLE = "attachments";
    private static final String BUCKET = "media";
    private static final String ROLE = "arn:aws:iam::111111111111:role/media-transcode";
    private static final String TODO_ID = "0b7e4c8a-5d8f-4c1e-9a53-2f4a6b8d1c3e";
    // a whole second in the near past: links signed at it are valid for the test's duration
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @RegisterExtension
    static final DynaliteExtension DYNALITE = DynaliteExtension.withTables(MediaTables.attachmentsTable(TABLE));
    @RegisterExtension
    static final S3rverExtension S3 = S3rverExtension.withBuckets(BUCKET);
    @RegisterExtension
    static final MediaConvertExtension MEDIACONVERT = new MediaConvertExtension();

    static final String REQUEST_UPLOAD = """
            mutation Request($input: RequestUploadInput!) {
              requestUpload(input: $input) {
                attachment { id fileName contentType kind status sizeBytes url variants { name } transcode { jobId }
                             todo { id } uploadedBy { id } createdAt }
                uploadUrl
                uploadHeaders { name value }
                expiresAt
              }
            }""";
    static final String COMPLETE_UPLOAD = """
            mutation Complete($id: ID!) {
              completeUpload(id: $id) {
                id status sizeBytes url variants { name width height url } transcode { jobId status }
              }
            }""";
    private static final String ATTACHMENT = "query One($id: ID!) { attachment(id: $id) { id status fileName } }";

    private final HttpClient http = HttpClient.newHttpClient();
    private static MediaHandler handler;

    @BeforeAll
    static void createHandler() {
        handler = new MediaHandler(DYNALITE.client(), LocalClients.s3(S3),
                new MediaConvertJobs(UrlConnectionHttpClient.create(), MEDIACONVERT.endpoint(), Region.EU_WEST_1,
                        S3rverExtension.CREDENTIALS, ROLE),
                new MediaHandler.Settings(TABLE, BUCKET, "integration"),
                Clock.fixed(NOW, ZoneOffset.UTC), EntityIds.sequentialPerTenant());
    }

    @Test
    void anImageUploadedThroughItsTicketBecomesReadyWithItsVariants() throws Exception {
        String tenant = newTenant();
        byte[] png = ImageVariantsTest.image(1024, 768, "png");

        Reply requested = call(handler, tenant, "alice", REQUEST_UPLOAD, upload("holiday.png", "image/png", png.length));

        assertThat(requested.body().has("errors")).as(requested.body().toString()).isFalse();
        JsonNode ticket = requested.data().path("requestUpload");
        JsonNode attachment = ticket.path("attachment");
        assertThat(attachment.path("id").asText()).isEqualTo("00000000-0000-4000-8000-000000000001");
        assertThat(attachment.path("status").asText()).isEqualTo("AWAITING_UPLOAD");
        assertThat(attachment.path("kind").asText()).isEqualTo("IMAGE");
        assertThat(attachment.path("contentType").asText()).isEqualTo("image/png");
        assertThat(attachment.path("sizeBytes").isNull()).isTrue();
        assertThat(attachment.path("url").isNull()).isTrue();
        assertThat(attachment.path("todo").path("id").asText()).isEqualTo(TODO_ID);
        assertThat(attachment.path("uploadedBy").path("id").asText()).isEqualTo("alice");
        assertThat(attachment.path("createdAt").asText()).isEqualTo(NOW.toString().replace("Z", ".000Z"));
        assertThat(ticket.path("expiresAt").asText()).isEqualTo(NOW.plusSeconds(900).toString());
        assertThat(ticket.path("uploadHeaders").toString())
                .isEqualTo("[{\"name\":\"Content-Type\",\"value\":\"image/png\"},{\"name\":\"If-None-Match\",\"value\":\"*\"}]");

        assertThat(put(ticket, png).statusCode()).isEqualTo(200);
        Reply completed = call(handler, tenant, "alice", COMPLETE_UPLOAD, Map.of("id", attachment.path("id").asText()));

        assertThat(completed.body().has("errors")).as(completed.body().toString()).isFalse();
        JsonNode ready = completed.data().path("completeUpload");
        assertThat(ready.path("status").asText()).isEqualTo("READY");
        assertThat(ready.path("sizeBytes").asInt()).isEqualTo(png.length);
        assertThat(ready.path("transcode").isNull()).isTrue();
        assertThat(ready.path("variants")).extracting(variant -> variant.path("name").asText() + " "
                        + variant.path("width").asInt() + "x" + variant.path("height").asInt())
                .containsExactly("thumbnail 128x96", "medium 512x384");
        String prefix = "tenants/" + tenant + "/attachments/" + attachment.path("id").asText() + "/";
        assertThat(S3.client().listObjectsV2(list -> list.bucket(BUCKET).prefix(prefix)).contents())
                .extracting(object -> object.key().substring(prefix.length()))
                .containsExactlyInAnyOrder("original", "thumbnail", "medium");
        HttpResponse<byte[]> thumbnail = http.send(HttpRequest.newBuilder(
                URI.create(ready.path("variants").get(0).path("url").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ImageIO.read(new ByteArrayInputStream(thumbnail.body())).getWidth()).isEqualTo(128);
        HttpResponse<byte[]> original = http.send(HttpRequest.newBuilder(URI.create(ready.path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(original.body()).isEqualTo(png);
    }

    @Test
    void aCompletedVideoStartsOneHlsTranscodeWithTheTenantAndAttachmentInItsMetadata() throws Exception {
        String tenant = newTenant();
        byte[] mp4 = mp4(4096);
        String id = uploaded(tenant, "bob", "clip.mp4", "video/mp4", mp4);

        JsonNode processing = call(handler, tenant, "bob", COMPLETE_UPLOAD, Map.of("id", id)).data().path("completeUpload");
        JsonNode again = call(handler, tenant, "bob", COMPLETE_UPLOAD, Map.of("id", id)).data().path("completeUpload");

        assertThat(processing.path("status").asText()).isEqualTo("PROCESSING");
        assertThat(processing.path("transcode").path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(processing.path("url").isNull()).isTrue();
        assertThat(again).isEqualTo(processing);
        List<MediaConvertExtension.Received> jobs = MEDIACONVERT.received().stream()
                .filter(job -> tenant.equals(job.body().path("userMetadata").path("tenant").asText())).toList();
        assertThat(jobs).hasSize(1);
        JsonNode job = jobs.get(0).body();
        assertThat(job.path("role").asText()).isEqualTo(ROLE);
        assertThat(job.path("clientRequestToken").asText()).isEqualTo(tenant + ":" + id);
        assertThat(job.path("userMetadata").path("attachment").asText()).isEqualTo(id);
        assertThat(job.path("userMetadata").path("todo").asText()).isEqualTo(TODO_ID);
        String prefix = "s3://" + BUCKET + "/tenants/" + tenant + "/attachments/" + id + "/";
        assertThat(job.path("settings").path("inputs").get(0).path("fileInput").asText()).isEqualTo(prefix + "original");
        assertThat(job.path("settings").path("outputGroups").get(0).path("outputGroupSettings").path("hlsGroupSettings")
                .path("destination").asText()).isEqualTo(prefix + "hls/");
        assertThat(jobs.get(0).header("Authorization")).contains("/eu-west-1/mediaconvert/aws4_request");
    }

    @Test
    void aPutOfAnotherTypeIsRefusedByS3AndTheUploadStaysIncomplete() throws Exception {
        String tenant = newTenant();
        byte[] png = ImageVariantsTest.image(10, 10, "png");
        JsonNode ticket = call(handler, tenant, "alice", REQUEST_UPLOAD, upload("a.png", "image/png", png.length))
                .data().path("requestUpload");

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(ticket.path("uploadUrl").asText()))
                .header("Content-Type", "text/html").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofString());
        Reply completed = call(handler, tenant, "alice", COMPLETE_UPLOAD,
                Map.of("id", ticket.path("attachment").path("id").asText()));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(completed.data().isNull()).isTrue();
        assertThat(completed.firstError().path("message").asText()).isEqualTo("The file of attachment "
                + ticket.path("attachment").path("id").asText() + " has not been uploaded yet; PUT it to the uploadUrl"
                + " of requestUpload with its uploadHeaders, then call completeUpload again");
        assertThat(completed.firstError().path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void aFileThatIsNotWhatWasAnnouncedMakesTheAttachmentFailed() throws Exception {
        String tenant = newTenant();
        byte[] html = Arrays.copyOf("<html><body>not a picture".getBytes(StandardCharsets.UTF_8), 64);
        String id = uploaded(tenant, "alice", "a.png", "image/png", html);

        Reply completed = call(handler, tenant, "alice", COMPLETE_UPLOAD, Map.of("id", id));

        assertThat(completed.firstError().path("message").asText()).isEqualTo("The uploaded file was refused: its"
                + " content is none of image/jpeg, image/png, image/webp, video/mp4, video/quicktime, not image/png."
                + " The attachment is FAILED; request a new upload for the right file");
        assertThat(call(handler, tenant, "alice", ATTACHMENT, Map.of("id", id)).data().path("attachment").path("status")
                .asText()).isEqualTo("FAILED");
    }

    @Test
    void badAnnouncementsAreRefusedNamingTheField() {
        String tenant = newTenant();

        assertThat(message(call(handler, tenant, "alice", REQUEST_UPLOAD, upload("a.gif", "image/gif", 10))))
                .isEqualTo("contentType must be one of image/jpeg, image/png, image/webp, video/mp4, video/quicktime,"
                        + " not \"image/gif\"");
        assertThat(message(call(handler, tenant, "alice", REQUEST_UPLOAD, upload("a.jpg", "image/jpeg", 20L * 1024 * 1024 + 1))))
                .isEqualTo("sizeBytes must be between 1 and 20971520 (20 MiB for an image), but is 20971521");
        assertThat(message(call(handler, tenant, null, REQUEST_UPLOAD, upload("a.jpg", "image/jpeg", 10))))
                .isEqualTo("requestUpload acts for a user: send the x-user-id header naming who uploads");
        assertThat(message(call(handler, tenant, "alice", COMPLETE_UPLOAD, Map.of("id", UUID.randomUUID().toString()))))
                .startsWith("You have no attachment with id");
        assertThat(message(call(handler, tenant, "alice", COMPLETE_UPLOAD, Map.of("id", "../../etc"))))
                .isEqualTo("You have no attachment with id \"../../etc\"; use the id that requestUpload returned to you");
    }

    @Test
    void aRequestWithoutTenantIsRefusedBeforeAnythingRuns() {
        Reply reply = call(handler, null, "alice", REQUEST_UPLOAD, upload("a.png", "image/png", 10));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(message(reply)).isEqualTo("Header x-tenant-id is required; it names the tenant");
    }

    @Test
    void attachmentsAreSeenByTheirTenantOnlyAndCompletedByTheirUploaderOnly() {
        String tenant = newTenant();
        String id = call(handler, tenant, "alice", REQUEST_UPLOAD, upload("a.png", "image/png", 10))
                .data().path("requestUpload").path("attachment").path("id").asText();

        assertThat(call(handler, tenant, null, ATTACHMENT, Map.of("id", id)).data().path("attachment").path("fileName")
                .asText()).isEqualTo("a.png");
        assertThat(call(handler, newTenant(), null, ATTACHMENT, Map.of("id", id)).data().path("attachment").isNull()).isTrue();
        assertThat(message(call(handler, tenant, "mallory", COMPLETE_UPLOAD, Map.of("id", id))))
                .startsWith("You have no attachment with id");
    }

    @Test
    void aMediaConvertFailureIsMaskedAndTheUploadCanBeCompletedLater() throws Exception {
        String tenant = newTenant();
        byte[] mp4 = mp4(100);
        String id = uploaded(tenant, "bob", "clip.mp4", "video/mp4", mp4);
        MEDIACONVERT.refuseNext("Role " + ROLE + " cannot be assumed");

        Reply failed = call(handler, tenant, "bob", COMPLETE_UPLOAD, Map.of("id", id));
        Reply retried = call(handler, tenant, "bob", COMPLETE_UPLOAD, Map.of("id", id));

        assertThat(failed.body().toString()).doesNotContain("Role", "MediaConvert", "arn:");
        assertThat(message(failed)).isEqualTo("Internal server error");
        assertThat(retried.data().path("completeUpload").path("status").asText()).isEqualTo("PROCESSING");
    }

    @Test
    void uploadsAndTranscodesAreCountedAsTheMetricContractNamesThem() throws Exception {
        String tenant = newTenant();
        byte[] mp4 = mp4(64);
        List<JsonNode> requested = metricLines(() -> call(handler, tenant, "bob", REQUEST_UPLOAD,
                upload("clip.mp4", "video/mp4", mp4.length)));
        JsonNode ticket = requested.stream().filter(line -> line.has("data")).findFirst().orElseThrow()
                .path("data").path("requestUpload");
        String id = ticket.path("attachment").path("id").asText();
        List<JsonNode> early = metricLines(() -> call(handler, tenant, "bob", COMPLETE_UPLOAD, Map.of("id", id)));
        put(ticket, mp4);
        List<JsonNode> completed = metricLines(() -> call(handler, tenant, "bob", COMPLETE_UPLOAD, Map.of("id", id)));

        JsonNode emf = emf(requested, MetricContract.UPLOADS_REQUESTED.name());
        assertThat(emf.path("Service").asText()).isEqualTo("media");
        assertThat(emf.path("Environment").asText()).isEqualTo("integration");
        assertThat(emf.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText())
                .isEqualTo(MetricContract.NAMESPACE);
        assertThat(emf(early, MetricContract.UPLOADS_REJECTED.name()).path(MetricContract.UPLOADS_REJECTED.name()).asDouble())
                .isEqualTo(1.0);
        assertThat(emf(completed, MetricContract.UPLOADS_COMPLETED.name()).path(MetricContract.UPLOADS_COMPLETED.name()).asDouble())
                .isEqualTo(1.0);
        assertThat(emf(completed, MetricContract.TRANSCODE_JOBS_STARTED.name()).path(MetricContract.TRANSCODE_JOBS_STARTED.name())
                .asDouble()).isEqualTo(1.0);
        assertThat(completed.stream().anyMatch(line -> line.has(MetricContract.UPLOADS_REJECTED.name()))).isFalse();
    }

    /** Every JSON line printed while the call ran (logs and EMF), and the reply's body as one more line. */
    private static List<JsonNode> metricLines(java.util.function.Supplier<Reply> action) {
        StandardOutput.Captured<Reply> captured = StandardOutput.capture(action);
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : captured.lines()) {
            try {
                lines.add(MediaCalls.JSON.readTree(line));
            } catch (IOException e) {
                // not every line is JSON (a JVM warning, say): only the JSON ones are asserted on
            }
        }
        lines.add(captured.result().body());
        return lines;
    }

    private static JsonNode emf(List<JsonNode> lines, String metric) {
        return lines.stream().filter(line -> line.has("_aws") && line.has(metric)).findFirst()
                .orElseThrow(() -> new AssertionError("no EMF line with " + metric + " in " + lines));
    }

    static Map<String, Object> upload(String fileName, String contentType, long sizeBytes) {
        return Map.of("input", Map.of("todoId", TODO_ID, "fileName", fileName, "contentType", contentType, "sizeBytes", sizeBytes));
    }

    /** Requests the upload and PUTs the file to its URL: the attachment's id, ready for completeUpload. */
    private String uploaded(String tenant, String user, String fileName, String contentType, byte[] file)
            throws IOException, InterruptedException {
        JsonNode ticket = call(handler, tenant, user, REQUEST_UPLOAD, upload(fileName, contentType, file.length))
                .data().path("requestUpload");
        assertThat(put(ticket, file).statusCode()).isEqualTo(200);
        return ticket.path("attachment").path("id").asText();
    }

    /** An MP4 as far as its magic bytes go: an ftyp box of brand isom, then zeros. */
    private static byte[] mp4(int size) {
        return Arrays.copyOf("\u0000\u0000\u0000\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1), size);
    }

    private HttpResponse<String> put(JsonNode ticket, byte[] file) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ticket.path("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file));
        ticket.path("uploadHeaders").forEach(header -> request.header(header.path("name").asText(), header.path("value").asText()));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String message(Reply reply) {
        return reply.firstError().path("message").asText();
    }

    static String newTenant() {
        return "t-" + UUID.randomUUID();
    }
}
