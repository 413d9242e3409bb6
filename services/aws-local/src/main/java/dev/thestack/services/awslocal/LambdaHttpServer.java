package dev.thestack.services.awslocal;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API Gateway's REST proxy integration in front of a Lambda handler, on a loopback port: every HTTP request
 * becomes an {@link APIGatewayProxyRequestEvent} (method, path, query string, headers, body, a request context
 * with a fresh request id) and the handler's {@link APIGatewayProxyResponseEvent} becomes the HTTP response. So a
 * subgraph's handler runs as a real HTTP server that routers, gateways and load generators can call.
 *
 * <p>Like API Gateway, it answers 502 {@code {"message": "Internal server error"}} when the handler throws or
 * returns no status code, and passes a body that is not UTF-8 text base64-encoded.
 */
public final class LambdaHttpServer implements AutoCloseable {
    /** Enough for wrk's default connection counts, each connection kept on a thread while it waits. */
    public static final int DEFAULT_WORKER_THREADS = 64;
    private static final int BACKLOG = 1024;
    private static final String STAGE = "local";
    private static final byte[] BAD_GATEWAY = "{\"message\": \"Internal server error\"}".getBytes(StandardCharsets.UTF_8);
    private static final System.Logger LOG = System.getLogger(LambdaHttpServer.class.getName());

    private final HttpServer server;
    private final ExecutorService workers;
    private final URI uri;

    private LambdaHttpServer(Builder builder) throws IOException {
        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler =
                Objects.requireNonNull(builder.handler, "handler");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), BACKLOG);
        AtomicInteger threadNumber = new AtomicInteger();
        workers = Executors.newFixedThreadPool(builder.workerThreads, task -> {
            Thread thread = new Thread(task, builder.functionName + "-http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", exchange -> serve(exchange, handler, builder.functionName));
        server.start();
        uri = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The server's root, {@code http://127.0.0.1:PORT/}; every path reaches the handler. */
    public URI uri() {
        return uri;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting at once and waits up to a second for requests under way. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void serve(HttpExchange exchange,
                              RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
                              String functionName) throws IOException {
        try {
            String requestId = UUID.randomUUID().toString();
            APIGatewayProxyRequestEvent event = toEvent(exchange, requestId);
            APIGatewayProxyResponseEvent response;
            try {
                response = handler.handleRequest(event, new TestLambdaContext(functionName, requestId));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "handler " + functionName + " failed request " + requestId, e);
                response = null;
            }
            if (response == null || response.getStatusCode() == null) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                send(exchange, 502, BAD_GATEWAY);
            } else {
                respond(exchange, response);
            }
        } finally {
            exchange.close();
        }
    }

    static APIGatewayProxyRequestEvent toEvent(HttpExchange exchange, String requestId) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            multiValueHeaders.put(name, List.copyOf(values));
        });
        Map<String, List<String>> query = queryParameters(exchange.getRequestURI().getRawQuery());
        Map<String, String> lastQueryValues = new LinkedHashMap<>();
        query.forEach((name, values) -> lastQueryValues.put(name, values.get(values.size() - 1)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        String text = utf8OrNull(body);
        String path = exchange.getRequestURI().getPath();
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(exchange.getRequestMethod())
                .withPath(path)
                .withResource("/{proxy+}")
                .withHeaders(headers)
                .withMultiValueHeaders(multiValueHeaders)
                // API Gateway passes null, not an empty map, when there is no query string
                .withQueryStringParameters(query.isEmpty() ? null : lastQueryValues)
                .withMultiValueQueryStringParameters(query.isEmpty() ? null : query)
                .withBody(body.length == 0 ? null : text != null ? text : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && text == null)
                .withRequestContext(new ProxyRequestContext()
                        .withRequestId(requestId)
                        .withHttpMethod(exchange.getRequestMethod())
                        .withPath("/" + STAGE + path)
                        .withResourcePath("/{proxy+}")
                        .withStage(STAGE)
                        .withRequestTimeEpoch(System.currentTimeMillis())
                        .withIdentity(new RequestIdentity()
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(exchange.getRequestHeaders().getFirst("User-Agent"))));
    }

    private static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameAndValue = pair.split("=", 2);
            parameters.computeIfAbsent(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8), n -> new ArrayList<>())
                    .add(nameAndValue.length == 2 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void respond(HttpExchange exchange, APIGatewayProxyResponseEvent response) throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> values.forEach(value -> out.add(name, value)));
        }
        if (response.getHeaders() != null) {
            // as in API Gateway, a single-value header replaces the multi-value one of the same name
            response.getHeaders().forEach(out::set);
        }
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : Boolean.TRUE.equals(response.getIsBase64Encoded()) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        send(exchange, response.getStatusCode(), bytes);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        // -1 tells the server there is no body at all, which HTTP requires for 204 and 304
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(body);
            }
        }
    }

    public static final class Builder {
        private RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler;
        private String functionName = "local";
        private int port;
        private int workerThreads = DEFAULT_WORKER_THREADS;

        private Builder() {
        }

        public Builder handler(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
            this.handler = handler;
            return this;
        }

        /** What the handler's Context reports as the function name, and the worker threads' names. */
        public Builder functionName(String functionName) {
            this.functionName = Objects.requireNonNull(functionName, "functionName");
            return this;
        }

        /** 0 (the default) takes a free port; {@link #uri()} tells which. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 (any free port) to 65535, but is " + port);
            }
            this.port = port;
            return this;
        }

        /** How many requests the handler serves at once; default {@value LambdaHttpServer#DEFAULT_WORKER_THREADS}. */
        public Builder workerThreads(int workerThreads) {
            if (workerThreads < 1) {
                throw new IllegalArgumentException("workerThreads must be at least 1, but is " + workerThreads);
            }
            this.workerThreads = workerThreads;
            return this;
        }

        /** Starts listening on loopback. */
        public LambdaHttpServer start() {
            try {
                return new LambdaHttpServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on loopback port " + port, e);
            }
        }
    }
}
