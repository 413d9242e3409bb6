package dev.thestack.services.awslocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * An s3rver server (the S3 REST API, in Node.js) for one test class, behind a {@link SigV4CheckingProxy} that
 * checks the signatures of presigned URLs as S3 does (s3rver itself takes any SigV4 signature): started on a free loopback port
 * before the class with its buckets created, storing into a temporary folder that is deleted with it after the
 * class (killed at JVM exit at the latest). Register it as a static field with {@code @RegisterExtension}. Clients
 * of it need {@link #CLIENT_SETTINGS} and {@link #CHECKSUMS_WHEN_REQUIRED}, as {@link #client()} has them.
 */
public final class S3rverExtension implements BeforeAllCallback, AfterAllCallback {
    public static final Region REGION = DynaliteExtension.REGION;
    /** The only key s3rver accepts; requests signed with any other are refused as S3 would (403). */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("S3RVER", "S3RVER"));
    /**
     * Path-style addressing, since a bucket cannot be a host name on 127.0.0.1; and whole bodies, since s3rver
     * stores aws-chunked framing (chunk signatures, checksum trailers) as if it were the object's content.
     */
    public static final S3Configuration CLIENT_SETTINGS = S3Configuration.builder()
            .pathStyleAccessEnabled(true)
            .chunkedEncodingEnabled(false)
            .build();
    /** The SDK's default checksums would send trailers (aws-chunked) that s3rver cannot read. */
    public static final RequestChecksumCalculation CHECKSUMS_WHEN_REQUIRED = RequestChecksumCalculation.WHEN_REQUIRED;

    private static final String CLI = "node_modules/s3rver/bin/s3rver.js";
    private static final Pattern LISTENING = Pattern.compile("S3rver listening on (\\S+):(\\d+)");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> buckets;
    private Path directory;
    private NodeProcess process;
    private SigV4CheckingProxy front;
    private S3Client client;

    private S3rverExtension(List<String> buckets) {
        this.buckets = List.copyOf(buckets);
    }

    public static S3rverExtension withBuckets(String... buckets) {
        return new S3rverExtension(List.of(buckets));
    }

    /** Where the server listens, for clients and presigners under test ({@code endpointOverride}). */
    public URI endpoint() {
        return front.endpoint();
    }

    /** A client of the server for the test itself. */
    public S3Client client() {
        return client;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("s3rver");
        List<String> arguments = new ArrayList<>(List.of("--directory", directory.toString(),
                "--address", "127.0.0.1", "--port", "0"));
        for (String bucket : buckets) {
            arguments.add("--configure-bucket");
            arguments.add(bucket);
        }
        process = NodeProcess.start(NodeProcess.nodeTool(CLI), arguments, LISTENING, STARTUP_TIMEOUT);
        front = new SigV4CheckingProxy(
                URI.create("http://" + process.readyLine().group(1) + ":" + process.readyLine().group(2)));
        client = S3Client.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .serviceConfiguration(CLIENT_SETTINGS)
                .requestChecksumCalculation(CHECKSUMS_WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (client != null) {
            client.close();
        }
        if (front != null) {
            front.close();
        }
        if (process != null) {
            process.close();
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
