package dev.thestack.services.awslocal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (2018-06-01) on loopback, as Lambda serves it to a function's runtime: a Java handler
 * jar started with the AWS Lambda runtime interface client ({@code com.amazonaws.services.lambda.runtime.api.
 * client.AWSLambda}, the bootstrap of Lambda's Java runtimes) and {@code AWS_LAMBDA_RUNTIME_API} pointing here
 * pulls the events given to {@link #invoke} and posts its answers back, deserialized and serialized by the
 * runtime's own code rather than by a test's. Every answer is timed from {@link #start()}, so the first one is
 * the function's whole cold start.
 */
public final class LambdaRuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** What the function answered for one invocation: its response or its error, and when. */
    public record Answer(String requestId, boolean error, String body, long nanosSinceStart) {
        public Duration sinceStart() {
            return Duration.ofNanos(nanosSinceStart);
        }
    }

    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, BlockingQueue<Answer>> answers = new ConcurrentHashMap<>();
    private final List<String> initErrors = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile long startNanos = System.nanoTime();
    private volatile long snapshotAt = -1;
    private volatile long firstNextAt = -1;

    private record Invocation(String requestId, String event, String traceHeader) {
    }

    public LambdaRuntimeApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
        server.createContext(PREFIX, this::serve);
        // the runtime client holds a long poll on /next while it waits for an event
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "lambda-runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
    }

    /** The value for the function's {@code AWS_LAMBDA_RUNTIME_API} variable. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Resets the clock the answers are timed on: call it right before starting the function's process. */
    public void start() {
        startNanos = System.nanoTime();
        snapshotAt = -1;
        firstNextAt = -1;
    }

    /** Queues an event for the function; returns its request id. */
    public String invoke(String eventJson, String traceHeader) {
        String requestId = UUID.randomUUID().toString();
        answers.put(requestId, new LinkedBlockingQueue<>());
        pending.add(new Invocation(requestId, eventJson, traceHeader));
        return requestId;
    }

    /** The function's answer to that request, or empty if none came within the timeout. */
    public Optional<Answer> awaitAnswer(String requestId, Duration timeout) throws InterruptedException {
        BlockingQueue<Answer> queue = answers.get(requestId);
        if (queue == null) {
            throw new IllegalArgumentException("no invocation " + requestId + " was queued");
        }
        return Optional.ofNullable(queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /**
     * With SnapStart ({@link LambdaFunctionProcess.Builder#snapStart}): when the function, initialized and primed
     * by its beforeCheckpoint hooks, asked to be restored — where Lambda takes the snapshot.
     */
    public Optional<Duration> snapshotTakenAfter() {
        long at = snapshotAt;
        return at < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(at));
    }

    /**
     * When the function first asked for an event: the runtime client does so once the handler is constructed (and,
     * with SnapStart, restored), so this splits a cold start into init and the first invocation.
     */
    public Optional<Duration> firstEventRequestedAfter() {
        long at = firstNextAt;
        return at < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(at));
    }

    /** What the runtime client reported when the handler could not even be created (bad class, init failure). */
    public List<String> initErrors() {
        return List.copyOf(initErrors);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long now = System.nanoTime() - startNanos;
            if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
                if (firstNextAt < 0) {
                    firstNextAt = now;
                }
                next(exchange);
            } else if (path.equals("restore/next") && exchange.getRequestMethod().equals("GET")) {
                // SnapStart: init and beforeCheckpoint are done; Lambda would take the snapshot now and answer
                // once it is restored
                snapshotAt = now;
                exchange.sendResponseHeaders(200, -1);
            } else if (path.equals("init/error") || path.equals("restore/error")) {
                initErrors.add(body);
                exchange.sendResponseHeaders(202, -1);
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
                BlockingQueue<Answer> queue = answers.get(requestId);
                if (queue == null) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                queue.add(new Answer(requestId, path.endsWith("/error"), body, now));
                exchange.sendResponseHeaders(202, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            // the server is closing: the function sees its long poll end, as when Lambda freezes it
            Thread.currentThread().interrupt();
            return;
        }
        byte[] event = invocation.event().getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + DEADLINE.toMillis()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-1:123456789012:function:local");
        if (invocation.traceHeader() != null) {
            headers.add("Lambda-Runtime-Trace-Id", invocation.traceHeader());
        }
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
