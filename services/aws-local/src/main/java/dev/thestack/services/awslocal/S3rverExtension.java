package dev.thestack.services.awslocal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
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

/**
 * An s3rver server (the S3 REST API in Node.js) for one test class, behind a {@link SigV4CheckingProxy} that
 * checks presigned URLs as S3 does (s3rver itself takes any SigV4 signature): started with an empty data folder
 * before the class, given its buckets through the real AWS SDK, and stopped after the class. Register it as a
 * static field with {@code @RegisterExtension}. A client under test must address it path-style, and should ask for
 * checksums only when required and send uploads unchunked: s3rver does not decode {@code aws-chunked} bodies.
 */
public final class S3rverExtension implements BeforeAllCallback, AfterAllCallback {
    public static final Region REGION = Region.EU_WEST_1;
    /** The only key pair s3rver accepts signatures of. */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("S3RVER", "S3RVER"));

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

    /** Where the server listens, for clients under test ({@code endpointOverride}, path-style addressing). */
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
        // port 0: s3rver binds a free port itself and reports it, so no other process can take it in between
        process = NodeProcess.start(NodeProcess.nodeTool(CLI), List.of("--directory", directory.toString(),
                "--address", "127.0.0.1", "--port", "0", "--no-vhost-buckets"), LISTENING, STARTUP_TIMEOUT);
        Matcher listening = process.readyLine();
        front = new SigV4CheckingProxy(URI.create("http://" + listening.group(1) + ":" + listening.group(2)));
        client = S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                // s3rver stores the SDK's aws-chunked uploads and trailing checksums undecoded, as part of the object
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(config -> config.chunkedEncodingEnabled(false))
                .build();
        for (String bucket : buckets) {
            client.createBucket(create -> create.bucket(bucket));
        }
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
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
