package dev.thestack.bench;

import dev.thestack.services.awslocal.ApolloGatewayExtension;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.awslocal.LambdaHttpServer;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import dev.thestack.services.router.RouterHandler;
import dev.thestack.services.router.SubgraphEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What bench/router-vs-gateway.sh loads: the subgraphs as built ({@link BenchSubgraphs}) and both routers in front
 * of the same subgraph servers: {@code @apollo/gateway} (node-tools/gateway.mjs) and the Java router's Lambda
 * handler behind the same kind of proxy server as the subgraphs. The benchmark
 * tenant is seeded with todos through the Todo subgraph itself. Writes {@code name=url} lines to the file given as
 * the first argument once everything answers, then runs until killed. With {@code --replayed-subgraphs} every
 * target, the subgraph called directly included, stands in front of {@link ReplayedSubgraph}s instead, so the
 * routers' own cost is what is measured.
 */
public final class FederationBenchServers {
    public static final String TENANT = "bench";
    public static final String USER = "bench-user";
    private static final int SEEDED_TODOS = 10;
    private static final String SUPERGRAPH = "/supergraph.graphql";
    private static final String REPLAYED = "--replayed-subgraphs";

    public static void main(String[] args) throws Exception {
        boolean replayed = args.length == 2 && args[1].equals(REPLAYED);
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !replayed)) {
            throw new IllegalArgumentException("usage: FederationBenchServers URL_FILE [" + REPLAYED
                    + "] (URL_FILE: where the servers' URLs go)");
        }
        BenchSubgraphs subgraphs = BenchSubgraphs.start();
        seed(subgraphs.todo());
        Map<String, URI> subgraphUrls = new LinkedHashMap<>();
        List<ReplayedSubgraph> replays = new ArrayList<>();
        for (Map.Entry<String, URI> live : subgraphs.urls().entrySet()) {
            if (replayed) {
                ReplayedSubgraph replay = new ReplayedSubgraph(live.getValue());
                replays.add(replay);
                subgraphUrls.put(live.getKey(), replay.uri());
            } else {
                subgraphUrls.put(live.getKey(), live.getValue());
            }
        }
        String supergraph = supergraphSdl();
        ApolloGatewayExtension gateway = ApolloGatewayExtension.of(supergraph, () -> subgraphUrls);
        // the extension reads nothing of JUnit's context: it starts the gateway and stops it
        gateway.beforeAll(null);
        Map<String, String> routerEnvironment = new LinkedHashMap<>();
        subgraphUrls.forEach((name, url) -> routerEnvironment.put(
                SubgraphEndpoints.ENV_URL_PREFIX + name.toUpperCase(Locale.ROOT), url.toString()));
        routerEnvironment.put(MetricContract.ENV_SERVICE_NAME, "router");
        LambdaHttpServer javaRouter = LambdaHttpServer.builder()
                .handler(new RouterHandler(routerEnvironment))
                .functionName("router")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.afterAll(null);
            } catch (IOException e) {
                System.err.println("stopping the gateway: " + e.getMessage());
            }
            javaRouter.close();
            replays.forEach(ReplayedSubgraph::close);
            subgraphs.close();
        }, "stop-bench-servers"));

        Map<String, URI> urls = new LinkedHashMap<>();
        urls.put("subgraph-todo", subgraphUrls.get("todo"));
        urls.put("apollo-gateway", gateway.uri());
        urls.put("java-router", javaRouter.uri());
        StringBuilder lines = new StringBuilder();
        urls.forEach((name, url) -> lines.append(name).append('=').append(url).append('\n'));
        Path file = Paths.get(args[0]);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, lines);
        // the script waits for the file: it appears whole or not at all
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        System.out.print(lines);
        new CountDownLatch(1).await();
    }

    private static void seed(URI todo) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 1; i <= SEEDED_TODOS; i++) {
            String body = "{\"query\":\"mutation { createTodo(input: {title: \\\"todo " + i + "\\\"}) { id } }\"}";
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(todo)
                    .header("Content-Type", "application/json")
                    .header(TenantId.HEADER, TENANT)
                    .header(UserId.HEADER, USER)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 200 || created.body().contains("\"errors\"")) {
                throw new IllegalStateException("seeding the benchmark tenant failed: HTTP " + created.statusCode()
                        + " " + created.body());
            }
        }
    }

    private static String supergraphSdl() throws IOException {
        try (InputStream sdl = FederationBenchServers.class.getResourceAsStream(SUPERGRAPH)) {
            if (sdl == null) {
                throw new IllegalStateException(SUPERGRAPH + " is not on the class path; build services/supergraph");
            }
            return new String(sdl.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
