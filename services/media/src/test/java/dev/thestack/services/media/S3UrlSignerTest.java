package dev.thestack.services.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The signer must make exactly the URL the SDK's own presigner makes at the same instant. */
class S3UrlSignerTest {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    private static final Pattern DATE = Pattern.compile("X-Amz-Date=(\\d{8}T\\d{6}Z)");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").withZone(ZoneOffset.UTC);

    @Test
    void aPutWithSignedHeadersMatchesTheSdkPresignerOnAwsEndpoints() {
        try (S3Presigner presigner = S3Presigner.builder().region(Region.EU_WEST_1).credentialsProvider(CREDENTIALS).build()) {
            String expected = presigner.presignPutObject(put -> put.signatureDuration(Duration.ofMinutes(15))
                    .putObjectRequest(object -> object.bucket("media-bucket").key("tenants/acme/attachments/x y/original")
                            .contentType("image/png").contentLength(1234L).ifNoneMatch("*"))).url().toString();

            String actual = signerAt(expected, null).presign(SdkHttpMethod.PUT, "tenants/acme/attachments/x y/original",
                    Map.of("Content-Type", "image/png", "Content-Length", "1234", "If-None-Match", "*"),
                    Duration.ofMinutes(15)).url();

            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void aGetMatchesTheSdkPresignerUnderAnEndpointOverride() {
        URI local = URI.create("http://127.0.0.1:4569");
        try (S3Presigner presigner = S3Presigner.builder().region(Region.EU_WEST_1).credentialsProvider(CREDENTIALS)
                .endpointOverride(local)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            String expected = presigner.presignGetObject(get -> get.signatureDuration(Duration.ofMinutes(15))
                    .getObjectRequest(object -> object.bucket("media-bucket").key("tenants/acme/a/thumbnail"))).url().toString();

            String actual = signerAt(expected, local).presign(SdkHttpMethod.GET, "tenants/acme/a/thumbnail", Map.of(),
                    Duration.ofMinutes(15)).url();

            assertThat(actual).isEqualTo(expected);
        }
    }

    /** A signer whose clock stands at the instant the presigner signed the URL at. */
    private static S3UrlSigner signerAt(String presignedUrl, URI endpointOverride) {
        Matcher date = DATE.matcher(presignedUrl);
        assertThat(date.find()).as(presignedUrl).isTrue();
        Instant signedAt = AMZ_DATE.parse(date.group(1), Instant::from);
        return new S3UrlSigner("media-bucket", Region.EU_WEST_1, endpointOverride, CREDENTIALS,
                Clock.fixed(signedAt, ZoneOffset.UTC));
    }
}
