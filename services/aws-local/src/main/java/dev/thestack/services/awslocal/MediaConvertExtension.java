package dev.thestack.services.awslocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * MediaConvert's CreateJob as its REST-JSON API answers it ({@code POST /2017-08-29/jobs}: 201 with the job, its
 * id and status SUBMITTED; a job of a clientRequestToken seen before is answered again, not started twice), on a
 * loopback port for one test class. It keeps every request it received, headers and JSON body, for the test to
 * assert on. Register it as a static field with {@code @RegisterExtension}. {@link #refuseNext} makes it answer the next call as MediaConvert answers a bad job (400 with a message).
 */
public final class MediaConvertExtension implements BeforeAllCallback, AfterAllCallback {
    /** A request as it arrived. */
    public record Received(String method, String path, Map<String, List<String>> headers, JsonNode body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> jobsByToken = new ConcurrentHashMap<>();
    private final AtomicInteger jobs = new AtomicInteger();
    private volatile String refusal;
    private HttpServer server;

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void refuseNext(String message) {
        refusal = message;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/2017-08-29/jobs")) {
                answer(exchange, 404, json.createObjectNode().put("message", "no such operation"));
                return;
            }
            String message = refusal;
            if (message != null) {
                refusal = null;
                answer(exchange, 400, json.createObjectNode().put("message", message));
                return;
            }
            String id = jobsByToken.computeIfAbsent(body.path("clientRequestToken").asText(),
                    token -> "1764838000000-job" + jobs.incrementAndGet());
            ObjectNode answer = json.createObjectNode();
            answer.putObject("job").put("id", id).put("status", "SUBMITTED")
                    .put("role", body.path("role").asText())
                    .set("settings", body.path("settings"));
            answer(exchange, 201, answer);
        }
    }

    private void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
