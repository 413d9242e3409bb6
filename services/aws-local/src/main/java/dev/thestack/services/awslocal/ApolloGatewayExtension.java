package dev.thestack.services.awslocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The reference router, {@code @apollo/gateway} under Apollo Server (node-tools/gateway.mjs), for one test class:
 * started before the class on a static supergraph with the subgraphs at the URLs the test gives (known only once
 * the test's subgraph servers run, hence a supplier), killed after the class even when a test failed, or when the
 * JVM exits. It forwards {@code x-tenant-id}, {@code x-user-id} and {@code authorization} to every subgraph.
 *
 * <p>Register it as a static {@code @RegisterExtension} field ordered after the extensions that start the subgraphs.
 */
public final class ApolloGatewayExtension implements BeforeAllCallback, AfterAllCallback {
    private static final String SCRIPT = "gateway.mjs";
    private static final Pattern LISTENING = Pattern.compile("gateway listening at: (\\S+)");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final String supergraphSdl;
    private final Supplier<Map<String, URI>> subgraphUrls;
    private NodeProcess process;
    private Path supergraphFile;
    private URI uri;

    private ApolloGatewayExtension(String supergraphSdl, Supplier<Map<String, URI>> subgraphUrls) {
        this.supergraphSdl = Objects.requireNonNull(supergraphSdl, "supergraphSdl");
        this.subgraphUrls = Objects.requireNonNull(subgraphUrls, "subgraphUrls");
    }

    /**
     * @param supergraphSdl the composed supergraph
     * @param subgraphUrls  asked once, before the class: each subgraph's name in the supergraph and its URL
     */
    public static ApolloGatewayExtension of(String supergraphSdl, Supplier<Map<String, URI>> subgraphUrls) {
        return new ApolloGatewayExtension(supergraphSdl, subgraphUrls);
    }

    /** Where the gateway answers GraphQL POSTs, {@code http://127.0.0.1:PORT/}. */
    public URI uri() {
        return uri;
    }

    /** What it printed so far, for failure messages. */
    public List<String> output() {
        return process == null ? List.of() : process.output();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            supergraphFile = Files.createTempFile("supergraph", ".graphql");
            Files.writeString(supergraphFile, supergraphSdl, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the supergraph for the gateway", e);
        }
        List<String> arguments = new ArrayList<>(List.of("--supergraph", supergraphFile.toString()));
        subgraphUrls.get().forEach((name, url) -> arguments.add(name + "=" + url));
        process = NodeProcess.start(NodeProcess.nodeTool(SCRIPT), arguments, LISTENING, STARTUP_TIMEOUT);
        uri = URI.create(process.readyLine().group(1));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (process != null) {
            process.close();
        }
        if (supergraphFile != null) {
            Files.deleteIfExists(supergraphFile);
        }
    }
}
