package dev.thestack.services.awslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

class S3rverExtensionTest {
    @Test
    void servesTheS3ApiWithItsBucketsUntilTheClassIsDone() throws Exception {
        S3rverExtension s3 = S3rverExtension.withBuckets("media-originals", "media-variants");
        s3.beforeAll(null);
        URI endpoint = s3.endpoint();
        try {
            assertThat(s3.client().listBuckets().buckets()).extracting(Bucket::name)
                    .containsExactlyInAnyOrder("media-originals", "media-variants");
            s3.client().putObject(put -> put.bucket("media-originals").key("t/1.png").contentType("image/png"),
                    RequestBody.fromString("png bytes"));
            assertThat(s3.client().getObjectAsBytes(get -> get.bucket("media-originals").key("t/1.png"))
                    .asString(StandardCharsets.UTF_8)).isEqualTo("png bytes");
            assertThat(s3.client().headObject(head -> head.bucket("media-originals").key("t/1.png")).contentType())
                    .isEqualTo("image/png");
            assertThatThrownBy(() -> s3.client().listObjectsV2(list -> list.bucket("elsewhere")))
                    .isInstanceOf(NoSuchBucketException.class);
        } finally {
            s3.afterAll(null);
        }
        HttpClient http = HttpClient.newHttpClient();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.discarding()))
                .as("stopped after the class").isInstanceOf(java.net.ConnectException.class);
    }
}
