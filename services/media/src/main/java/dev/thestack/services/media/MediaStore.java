package dev.thestack.services.media;

import dev.thestack.services.graphql.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The media bucket: every object of a tenant under {@code tenants/<tenant>/}, each attachment's files under
 * {@code tenants/<tenant>/attachments/<id>/}: {@code original} (uploaded by the client with a presigned PUT), the
 * image variants by name next to it, and a video's HLS transcode under {@code hls/}.
 */
public final class MediaStore {
    /** How long an upload or download link works. */
    public static final Duration LINK_VALIDITY = Duration.ofMinutes(15);
    public static final String ORIGINAL = "original";
    private static final int NOT_FOUND = 404;

    private final Supplier<S3Client> s3;
    private final Supplier<S3UrlSigner> signer;
    private final String bucket;

    /** @param clock the time links are signed at, so a test that fixes it gets the same URLs every run */
    public MediaStore(S3Client s3, String bucket, Clock clock) {
        this(() -> s3, bucket, clock);
    }

    /**
     * With the client built when first needed, once: a cold start whose first request reads no object and hands out
     * no link (the router's entity lookup of todos without attachments) then builds no S3 client, about 330 classes
     * and 80-100 ms of CPU.
     */
    public MediaStore(Supplier<S3Client> s3, String bucket, Clock clock) {
        this.s3 = once(s3);
        this.signer = once(() -> S3UrlSigner.forClient(this.s3.get(), bucket, clock));
        this.bucket = bucket;
    }

    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }

    /** What a client needs to upload an original: the URL and the headers it was signed with. */
    public record Upload(String url, Map<String, String> headers, Instant expiresAt) {
    }

    /** An object as HeadObject describes it. */
    public record StoredObject(long sizeBytes, String contentType) {
    }

    public static String key(TenantId tenant, String attachmentId, String file) {
        return prefix(tenant, attachmentId) + file;
    }

    public static String prefix(TenantId tenant, String attachmentId) {
        return "tenants/" + tenant.value() + "/attachments/" + attachmentId + "/";
    }

    /** The S3 URL MediaConvert reads and writes. */
    public String s3Url(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * A PUT of exactly this type and size, once: the type, the length and {@code If-None-Match: *} are signed, so
     * S3 refuses another file, another size, and a second PUT over a file completeUpload may already have checked.
     */
    public Upload presignUpload(String key, MediaType type, long sizeBytes) {
        Map<String, String> clientHeaders = new LinkedHashMap<>();
        clientHeaders.put("Content-Type", type.contentType());
        clientHeaders.put("If-None-Match", "*");
        Map<String, String> signed = new LinkedHashMap<>(clientHeaders);
        // every HTTP client sends it by itself (browsers refuse to let code set it), so it is not handed out
        signed.put("Content-Length", Long.toString(sizeBytes));
        S3UrlSigner.PresignedUrl url = signer.get().presign(SdkHttpMethod.PUT, key, signed, LINK_VALIDITY);
        return new Upload(url.url(), clientHeaders, url.expiresAt());
    }

    public String presignDownload(String key) {
        return signer.get().presign(SdkHttpMethod.GET, key, Map.of(), LINK_VALIDITY).url();
    }

    public Optional<StoredObject> head(String key) {
        try {
            HeadObjectResponse head = s3.get().headObject(request -> request.bucket(bucket).key(key));
            return Optional.of(new StoredObject(head.contentLength(), head.contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // HEAD has no body, so a missing object comes back as a bare 404 rather than NoSuchKey
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The object's first {@code length} bytes, or all of it when it is shorter. */
    public byte[] readStart(String key, int length) {
        return s3.get().getObjectAsBytes(request -> request.bucket(bucket).key(key).range("bytes=0-" + (length - 1)))
                .asByteArray();
    }

    public byte[] read(String key) {
        return s3.get().getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
    }

    public void write(String key, byte[] content, String contentType) {
        s3.get().putObject(request -> request.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    }
}
