package dev.thestack.services.awslocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private static final String CLI = "node_modules/dynalite/cli.js";
    private static final Pattern LISTENING = Pattern.compile("Dynalite listening at: (\\S+)");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TABLE_POLL_INTERVAL = Duration.ofMillis(20);
    // the free port is found, then released, then taken by node: another process may grab it in between
    private static final int START_ATTEMPTS = 3;

    private final List<CreateTableRequest> tables;
    private NodeProcess process;
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
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
            client = null;
        }
        if (process != null) {
            process.close();
            // a static field of a shared base class serves one test class after another: start afresh for the next
            process = null;
            endpoint = null;
        }
    }

    private void start(Path cli) {
        List<String> failures = new ArrayList<>();
        for (int attempt = 1; attempt <= START_ATTEMPTS && process == null; attempt++) {
            int port = freeLoopbackPort();
            try {
                process = NodeProcess.start(cli, List.of(
                        "--host", "127.0.0.1",
                        "--port", Integer.toString(port),
                        // tables are ACTIVE at once instead of after dynalite's default half second
                        "--createTableMs", "0"), LISTENING, STARTUP_TIMEOUT);
                endpoint = URI.create(process.readyLine().group(1));
            } catch (NodeProcess.NodeProcessFailedException e) {
                failures.add("port " + port + ": " + e.getMessage());
            }
        }
        if (process == null) {
            throw new IllegalStateException("dynalite (" + cli + ") did not start in " + START_ATTEMPTS
                    + " attempts:\n" + String.join("\n", failures));
        }
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

    public static Path locateCli() {
        return NodeProcess.nodeTool(CLI);
    }
}
