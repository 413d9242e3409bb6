package dev.thestack.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A subgraph that answers from memory what the real one answered: the first request with a given body and
 * identity headers goes through to the subgraph as built, and every later one gets that recorded answer. Both
 * routers then stand in front of subgraphs that cost next to nothing, so the benchmark measures the routers and
 * not dynalite, which bounds the subgraphs as built to a few hundred requests a second on this machine. Only for
 * read-only queries: a mutation would be answered once and replayed.
 */
final class ReplayedSubgraph implements AutoCloseable {
    private static final List<String> IDENTITY_HEADERS = List.of("x-tenant-id", "x-user-id", "authorization");

    private record Answer(int status, String contentType, byte[] body) {
    }

    private final URI live;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, Answer> recorded = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(16);
    private final HttpServer server;

    ReplayedSubgraph(URI live) throws IOException {
        this.live = live;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/", this::serve);
        server.setExecutor(workers);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            StringBuilder key = new StringBuilder();
            for (String header : IDENTITY_HEADERS) {
                key.append(exchange.getRequestHeaders().getFirst(header)).append('\n');
            }
            key.append(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            Answer answer = recorded.get(key.toString());
            if (answer == null) {
                answer = fetch(exchange, body);
                if (answer.status() == 200) {
                    recorded.put(key.toString(), answer);
                }
            }
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private Answer fetch(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(live)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : IDENTITY_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + live, e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
