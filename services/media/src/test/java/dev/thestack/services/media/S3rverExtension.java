package dev.thestack.services.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import dev.thestack.services.awslocal.DynaliteExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An s3rver server (the S3 REST API in Node.js) for one test class, behind a {@link SigV4CheckingProxy} that
 * checks presigned URLs as S3 does (s3rver itself takes any SigV4 signature): started on a port of its own
 * choosing with an empty data folder before the class, given its buckets
 * through the real AWS SDK, and killed after the class or, failing that, when the JVM exits. Register it as a
 * static field with {@code @RegisterExtension}.
 */
final class S3rverExtension implements BeforeAllCallback, AfterAllCallback {
    public static final Region REGION = Region.EU_WEST_1;
    /** The only key pair s3rver accepts signatures of. */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("S3RVER", "S3RVER"));

    private static final Pattern LISTENING = Pattern.compile("S3rver listening on (\\S+):(\\d+)");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final List<String> buckets;
    private Path directory;
    private Process process;
    private Thread killOnExit;
    private SigV4CheckingProxy front;
    private S3Client client;

    private S3rverExtension(List<String> buckets) {
        this.buckets = List.copyOf(buckets);
    }

    static S3rverExtension withBuckets(String... buckets) {
        return new S3rverExtension(List.of(buckets));
    }

    /** Where the server listens, for clients under test ({@code endpointOverride}, path-style addressing). */
    URI endpoint() {
        return front.endpoint();
    }

    /**
     * A client as the service makes one, pointed at the server. Over plain HTTP the SDK would sign uploads in
     * aws-chunked encoding, which s3rver stores undecoded (over HTTPS, as in Lambda, it sends the bytes as they are).
     */
    S3Client newClient() {
        return AwsClients.s3(Map.of(AwsClients.ENV_ENDPOINT, endpoint().toString(), "AWS_REGION", REGION.id()))
                .credentialsProvider(CREDENTIALS)
                .serviceConfiguration(config -> config.chunkedEncodingEnabled(false))
                .build();
    }

    /** A client of the server for the test itself. */
    S3Client client() {
        return client;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        directory = Files.createTempDirectory("s3rver");
        // node-tools installs s3rver beside dynalite
        Path cli = DynaliteExtension.locateCli().getParent().resolveSibling("s3rver/bin/s3rver.js");
        // port 0: s3rver binds a free port itself and reports it, so no other process can take it in between
        process = new ProcessBuilder("node", cli.toString(), "--directory", directory.toString(),
                "--address", "127.0.0.1", "--port", "0", "--no-vhost-buckets")
                .redirectErrorStream(true)
                .start();
        killOnExit = new Thread(process::destroyForcibly, "s3rver-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Queue<String> output = new ConcurrentLinkedQueue<>();
        URI s3rver;
        try {
            s3rver = watchOutput(process, output).get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("s3rver (" + cli + ") did not report listening within "
                    + STARTUP_TIMEOUT.toSeconds() + " s; output:\n" + String.join("\n", output), e);
        }
        front = new SigV4CheckingProxy(s3rver);
        client = newClient();
        for (String bucket : buckets) {
            client.createBucket(create -> create.bucket(bucket));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException, InterruptedException {
        if (client != null) {
            client.close();
        }
        if (front != null) {
            front.close();
        }
        if (process != null) {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Completes with the endpoint once s3rver says it listens; keeps draining so node never blocks on a full pipe. */
    private static CompletableFuture<URI> watchOutput(Process process, Queue<String> output) {
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(URI.create("http://" + matcher.group(1) + ":" + matcher.group(2)));
                    }
                }
            } catch (IOException e) {
                output.add("(reading output failed: " + e.getMessage() + ")");
            }
            listening.completeExceptionally(new UncheckedIOException(new IOException("output ended")));
        }, "s3rver-output");
        reader.setDaemon(true);
        reader.start();
        return listening;
    }
}
