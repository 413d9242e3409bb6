package dev.thestack.services.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@link InProcessSubgraphs} served over GraphQL over HTTP on loopback ({@code /todo}, {@code /media}), with
 * the headers of each subgraph's last request kept, and answers that can be broken on purpose.
 */
final class LoopbackSubgraphs implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InProcessSubgraphs subgraphs = new InProcessSubgraphs();
    private final Map<String, Map<String, String>> receivedHeaders = new ConcurrentHashMap<>();
    private final Map<String, String> brokenAnswers = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    LoopbackSubgraphs() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String subgraph : List.of("todo", "media")) {
            server.createContext("/" + subgraph, exchange -> serve(subgraph, exchange));
        }
        // one thread per exchange, so a slow subgraph does not hold up the other
        server.setExecutor(threads);
        server.start();
    }

    /** The environment a router reads its subgraph URLs from. */
    Map<String, String> environment() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        return Map.of("SUBGRAPH_URL_TODO", base + "todo", "SUBGRAPH_URL_MEDIA", base + "media");
    }

    /** The headers of the subgraph's last request, names in lower case. */
    Map<String, String> headersReceivedBy(String subgraph) {
        return receivedHeaders.get(subgraph);
    }

    /** From now on the subgraph waits this long before it answers as it would have. */
    void makeSlow(String subgraph, Duration delay) {
        delays.put(subgraph, delay);
    }

    /** From now on the subgraph answers with this status and body. */
    void answer(String subgraph, int status, String body) {
        brokenAnswers.put(subgraph, status + " " + body);
    }

    @SuppressWarnings("unchecked")
    private void serve(String subgraph, HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        receivedHeaders.put(subgraph, headers);
        String broken = brokenAnswers.get(subgraph);
        Duration delay = delays.get(subgraph);
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] answer;
        int status = 200;
        if (broken == null) {
            Map<String, Object> body = JSON.readValue(exchange.getRequestBody(), Map.class);
            SubgraphResponse response = subgraphs.realAnswer(new SubgraphRequest(subgraph, (String) body.get("query"),
                    (Map<String, Object>) body.get("variables"), (String) body.get("operationName"), headers));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("data", response.data());
            if (!response.errors().isEmpty()) {
                json.put("errors", response.errors());
            }
            answer = JSON.writeValueAsBytes(json);
        } else {
            status = Integer.parseInt(broken.substring(0, 3));
            answer = broken.substring(4).getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
