package dev.thestack.services.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thestack.services.awslocal.S3rverExtension;
import dev.thestack.services.graphql.TenantId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

class MediaStoreTest {
    private static final String BUCKET = "media-store-test";
    private static final TenantId TENANT = new TenantId("acme");

    @RegisterExtension
    static final S3rverExtension S3 = S3rverExtension.withBuckets(BUCKET);

    private final HttpClient http = HttpClient.newHttpClient();
    private final MediaStore store = new MediaStore(LocalClients.s3(S3), BUCKET, Clock.systemUTC());

    @Test
    void aLazyStoreBuildsItsClientOnlyWhenAnObjectOrALinkIsFirstNeededAndOnce() {
        AtomicInteger built = new AtomicInteger();
        MediaStore lazy = new MediaStore(() -> {
            built.incrementAndGet();
            return LocalClients.s3(S3);
        }, BUCKET, Clock.systemUTC());
        String key = MediaStore.key(TENANT, "lazy", MediaStore.ORIGINAL);

        assertThat(lazy.s3Url(key)).isEqualTo("s3://" + BUCKET + "/" + key);
        assertThat(built).as("no object read, no link signed yet").hasValue(0);

        lazy.write(key, "content".getBytes(), "text/plain");
        assertThat(lazy.presignDownload(key)).contains(key);
        assertThat(lazy.read(key)).isEqualTo("content".getBytes());
        assertThat(built).hasValue(1);
    }

    @Test
    void theFileAnnouncedGoesThroughThePresignedUrlAndLandsUnderTheAttachment() throws Exception {
        String key = MediaStore.key(TENANT, "a1", MediaStore.ORIGINAL);
        byte[] file = "\u0089PNG fake but eleven bytes".getBytes();
        MediaStore.Upload upload = store.presignUpload(key, MediaType.PNG, file.length);

        HttpResponse<String> response = put(upload, upload.headers(), file);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(key).isEqualTo("tenants/acme/attachments/a1/original");
        assertThat(store.head(key)).contains(new MediaStore.StoredObject(file.length, "image/png"));
        assertThat(S3.client().getObjectAsBytes(get -> get.bucket(BUCKET).key(key)).asByteArray()).isEqualTo(file);
    }

    @Test
    void anotherContentTypeThanTheSignedOneIsRefused() throws Exception {
        String key = MediaStore.key(TENANT, "a2", MediaStore.ORIGINAL);
        byte[] file = new byte[100];
        MediaStore.Upload upload = store.presignUpload(key, MediaType.JPEG, file.length);

        HttpResponse<String> response = put(upload, Map.of("Content-Type", "text/html", "If-None-Match", "*"), file);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("SignatureDoesNotMatch");
        assertThat(store.head(key)).isEmpty();
    }

    @Test
    void aLargerFileThanTheSignedSizeIsRefused() throws Exception {
        String key = MediaStore.key(TENANT, "a3", MediaStore.ORIGINAL);
        MediaStore.Upload upload = store.presignUpload(key, MediaType.JPEG, 100);

        HttpResponse<String> response = put(upload, upload.headers(), new byte[101]);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("SignatureDoesNotMatch");
        assertThat(store.head(key)).isEmpty();
    }

    @Test
    void aDownloadLinkServesTheStoredFile() throws Exception {
        String key = MediaStore.key(TENANT, "a4", ImageVariants.THUMBNAIL);
        store.write(key, new byte[] {1, 2, 3}, "image/jpeg");

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(store.presignDownload(key))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsExactly(1, 2, 3);
    }

    @Test
    void headAndReadSeeWhatIsStored() {
        String key = MediaStore.key(TENANT, "a5", MediaStore.ORIGINAL);
        assertThat(store.head(key)).isEmpty();
        S3.client().putObject(put -> put.bucket(BUCKET).key(key).contentType("video/mp4"),
                RequestBody.fromBytes("0123456789abcdef".getBytes()));

        assertThat(store.head(key)).contains(new MediaStore.StoredObject(16, "video/mp4"));
        assertThat(new String(store.readStart(key, 4))).isEqualTo("0123");
        assertThat(new String(store.read(key))).isEqualTo("0123456789abcdef");
    }

    @Test
    void linksSignedAtAFixedInstantAreTheSameEveryTime() {
        Clock fixed = Clock.fixed(Instant.parse("2026-12-04T09:00:00Z"), ZoneOffset.UTC);
        MediaStore first = new MediaStore(LocalClients.s3(S3), BUCKET, fixed);
        MediaStore second = new MediaStore(LocalClients.s3(S3), BUCKET, fixed);
        String key = MediaStore.key(TENANT, "a6", MediaStore.ORIGINAL);

        assertThat(first.presignUpload(key, MediaType.MP4, 5)).isEqualTo(second.presignUpload(key, MediaType.MP4, 5));
        assertThat(first.presignUpload(key, MediaType.MP4, 5).expiresAt()).isEqualTo(Instant.parse("2026-12-04T09:15:00Z"));
        assertThat(first.presignUpload(key, MediaType.MP4, 5).url())
                .contains("X-Amz-Date=20261204T090000Z", "X-Amz-Expires=900",
                        "X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost%3Bif-none-match");
    }

    private HttpResponse<String> put(MediaStore.Upload upload, Map<String, String> headers, byte[] file)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upload.url()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
