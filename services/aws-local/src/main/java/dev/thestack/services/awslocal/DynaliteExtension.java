package dev.thestack.services.awslocal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * A dynalite server (the DynamoDB API over HTTP, in Node.js) for one test class: started on a free loopback port
 * before the class, given its tables through the real AWS SDK, and killed after the class or, failing that, when
 * the JVM exits. Register it as a static field with {@code @RegisterExtension}.
 */
public final class DynaliteExtension implements BeforeAllCallback, AfterAllCallback {
    public static final Region REGION = Region.EU_WEST_1;
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("dynalite", "dynalite"));

    private static final String CLI = "node-tools/node_modules/dynalite/cli.js";
    private static final Pattern LISTENING = Pattern.compile("Dynalite listening at: (\\S+)");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TABLE_POLL_INTERVAL = Duration.ofMillis(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    // the free port is found, then released, then taken by node: another process may grab it in between
    private static final int START_ATTEMPTS = 3;

    private final List<CreateTableRequest> tables;
    private Process process;
    private Thread killOnExit;
    private URI endpoint;
    private DynamoDbClient client;

    private DynaliteExtension(List<CreateTableRequest> tables) {
        this.tables = List.copyOf(tables);
    }

    public static DynaliteExtension withTables(CreateTableRequest... tables) {
        return new DynaliteExtension(List.of(tables));
    }

    /** Where the server listens, for clients under test ({@code endpointOverride}). */
    public URI endpoint() {
        return endpoint;
    }

    /** A client of the server for the test itself. */
    public DynamoDbClient client() {
        return client;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws InterruptedException {
        start(locateCli());
        client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        for (CreateTableRequest table : tables) {
            createTable(table);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (process != null) {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        }
    }

    private void start(Path cli) {
        List<String> failures = new ArrayList<>();
        for (int attempt = 1; attempt <= START_ATTEMPTS && endpoint == null; attempt++) {
            int port = freeLoopbackPort();
            Process started = launch(cli, port);
            Queue<String> output = new ConcurrentLinkedQueue<>();
            CompletableFuture<URI> listening = watchOutput(started, output);
            try {
                endpoint = listening.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                process = started;
                killOnExit = new Thread(started::destroyForcibly, "dynalite-kill-on-exit");
                Runtime.getRuntime().addShutdownHook(killOnExit);
            } catch (TimeoutException | ExecutionException e) {
                started.destroyForcibly();
                String reason = e instanceof TimeoutException
                        ? "did not report listening within " + STARTUP_TIMEOUT.toSeconds() + " s"
                        : "exited before listening";
                failures.add("port " + port + ": " + reason + "; output:\n" + String.join("\n", output));
            } catch (InterruptedException e) {
                started.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting dynalite", e);
            }
        }
        if (endpoint == null) {
            throw new IllegalStateException("dynalite (" + cli + ") did not start in " + START_ATTEMPTS
                    + " attempts:\n" + String.join("\n", failures));
        }
    }

    private static Process launch(Path cli, int port) {
        try {
            return new ProcessBuilder("node", cli.toString(),
                    "--host", "127.0.0.1",
                    "--port", Integer.toString(port),
                    // tables are ACTIVE at once instead of after dynalite's default half second
                    "--createTableMs", "0")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node (Node.js 20+ must be on PATH) for " + cli, e);
        }
    }

    /** Completes with the endpoint once dynalite says it listens; keeps draining so node never blocks on a full pipe. */
    private static CompletableFuture<URI> watchOutput(Process process, Queue<String> output) {
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(URI.create(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                output.add("(reading output failed: " + e.getMessage() + ")");
            }
            listening.completeExceptionally(new IllegalStateException("output ended"));
        }, "dynalite-output");
        reader.setDaemon(true);
        reader.start();
        return listening;
    }

    private void createTable(CreateTableRequest table) throws InterruptedException {
        client.createTable(table);
        Instant deadline = Instant.now().plus(TABLE_ACTIVE_TIMEOUT);
        while (client.describeTable(d -> d.tableName(table.tableName())).table().tableStatus() != TableStatus.ACTIVE) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("table " + table.tableName() + " not ACTIVE after "
                        + TABLE_ACTIVE_TIMEOUT.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(TABLE_POLL_INTERVAL.toMillis());
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /**
     * dynalite is installed by the node-tools module. The build passes the reactor root as {@code thestack.root};
     * a build of this module alone may pass its own folder there instead, so walk up from both.
     */
    public static Path locateCli() {
        List<Path> starts = new ArrayList<>();
        String root = System.getProperty("thestack.root");
        if (root != null && !root.isBlank()) {
            starts.add(Paths.get(root));
        }
        starts.add(Paths.get(System.getProperty("user.dir")));
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                Path cli = dir.resolve(CLI);
                if (Files.isRegularFile(cli)) {
                    return cli;
                }
            }
        }
        throw new IllegalStateException("dynalite not found: no " + CLI + " at or above " + starts
                + "; build node-tools first (mvn -pl node-tools install runs npm ci)");
    }
}
