package dev.thestack.services.media;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Presigned S3 URLs (SigV4 in the query string), made with the AWS SDK's own signer and the same settings the SDK's
 * {@code S3Presigner} uses, but at the time of an injected {@link Clock}: the presigner always signs at the
 * current instant, so its URLs could not be repeated by a test that fixes the time. A test compares the two.
 *
 * <p>URLs address the bucket virtual-hosted style ({@code https://bucket.s3.region.amazonaws.com/key}), or path
 * style under an endpoint override (a local S3 API).
 */
public final class S3UrlSigner {
    private static final String SERVICE = "s3";

    private final String bucket;
    private final Region region;
    private final URI endpointOverride;
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** @param endpointOverride null for the region's S3 endpoint */
    public S3UrlSigner(String bucket, Region region, URI endpointOverride,
                       IdentityProvider<? extends AwsCredentialsIdentity> credentials, Clock clock) {
        this.bucket = bucket;
        this.region = region;
        this.endpointOverride = endpointOverride;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Signs for the bucket as the client reaches it: the client's region, endpoint and credentials. */
    public static S3UrlSigner forClient(S3Client s3, String bucket, Clock clock) {
        S3ServiceClientConfiguration config = s3.serviceClientConfiguration();
        return new S3UrlSigner(bucket, config.region(), config.endpointOverride().orElse(null),
                config.credentialsProvider(), clock);
    }

    /** A presigned URL and the instant it stops working. */
    public record PresignedUrl(String url, Instant expiresAt) {
    }

    /**
     * A URL for {@code method} on the object, valid for {@code validity}; a request to it must carry each of
     * {@code signedHeaders} with exactly that value (S3 checks them against the signature).
     */
    public PresignedUrl presign(SdkHttpMethod method, String key, Map<String, String> signedHeaders, Duration validity) {
        Instant now = clock.instant();
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method);
        if (endpointOverride == null) {
            request.protocol("https").host(bucket + ".s3." + region.id() + ".amazonaws.com")
                    .encodedPath("/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
        } else {
            request.uri(endpointOverride)
                    .encodedPath(basePath() + "/" + SdkHttpUtils.urlEncode(bucket) + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
        }
        signedHeaders.forEach(request::putHeader);
        SdkHttpRequest signed = signer.sign(sign -> sign
                .identity(credentials.resolveIdentity().join())
                .request(request.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, validity)
                // the body is the client's, unknown here: S3 takes UNSIGNED-PAYLOAD for presigned requests
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                // S3 signs the path as sent, neither encoded twice nor normalized
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, clock.getZone()))).request();
        return new PresignedUrl(signed.getUri().toString(), now.plus(validity));
    }

    private String basePath() {
        String path = endpointOverride.getRawPath();
        return path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
    }
}
