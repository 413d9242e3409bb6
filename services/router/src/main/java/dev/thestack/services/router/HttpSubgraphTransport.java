package dev.thestack.services.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.router.supergraph.Subgraph;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Reaches subgraphs over GraphQL over HTTP (POST of JSON) with one shared {@link HttpClient}, HTTP/1.1 kept alive.
 * A fetch that takes longer than the timeout, a refused connection, and a body that is not a GraphQL response all
 * end in a {@link SubgraphFetchException}, whose message (for logs) names the status and URL. A non-2xx answer
 * whose body is a GraphQL response with errors is read as one: the subgraph refused the request and said why.
 */
public final class HttpSubgraphTransport implements SubgraphTransport {
    /** {@code SUBGRAPH_URL_TODO} for subgraph "todo": the environment variable that gives a subgraph's URL. */
    public static final String ENV_URL_PREFIX = "SUBGRAPH_URL_";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, URI> urls;
    private final Duration timeout;
    private final HttpClient client;

    /** @param urls where each subgraph (by its supergraph name) answers GraphQL POSTs */
    public HttpSubgraphTransport(Map<String, URI> urls, Duration timeout) {
        this.urls = Map.copyOf(urls);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The URL of every subgraph of the supergraph from {@value #ENV_URL_PREFIX}NAME; refused if one is missing. */
    public static Map<String, URI> urlsFromEnvironment(List<Subgraph> subgraphs, Map<String, String> environment) {
        Map<String, URI> urls = new LinkedHashMap<>();
        for (Subgraph subgraph : subgraphs) {
            String variable = ENV_URL_PREFIX + subgraph.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("Environment variable " + variable + " is not set; set it to the URL"
                        + " of the " + subgraph.name() + " subgraph's GraphQL endpoint (such as https://todo.example/graphql)");
            }
            URI url;
            try {
                url = URI.create(value.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Environment variable " + variable + " is not a URL: " + value, e);
            }
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalStateException("Environment variable " + variable + " must be an http or https URL, was " + value);
            }
            urls.put(subgraph.name(), url);
        }
        return urls;
    }

    @Override
    public CompletableFuture<SubgraphResponse> fetch(SubgraphRequest request) {
        URI url = urls.get(request.subgraph());
        if (url == null) {
            return CompletableFuture.failedFuture(new SubgraphFetchException(request.subgraph(),
                    "no URL is configured for subgraph " + request.subgraph(), null));
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(request)));
        request.headers().forEach(http::header);
        return client.sendAsync(http.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof HttpTimeoutException) {
                        // the executor tells clients a subgraph was too slow by this exception
                        throw new CompletionException(new TimeoutException(request.subgraph() + " at " + url
                                + " did not answer within " + timeout.toMillis() + " ms"));
                    }
                    if (cause != null) {
                        throw new CompletionException(new SubgraphFetchException(request.subgraph(),
                                "no answer from " + url, cause));
                    }
                    return read(request.subgraph(), url, response);
                });
    }

    private static byte[] body(SubgraphRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", request.query());
        if (request.operationName() != null) {
            body.put("operationName", request.operationName());
        }
        if (!request.variables().isEmpty()) {
            body.put("variables", request.variables());
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new SubgraphFetchException(request.subgraph(), "cannot write the request as JSON", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static SubgraphResponse read(String subgraph, URI url, HttpResponse<byte[]> response) {
        Map<String, Object> body;
        try {
            body = JSON.readValue(response.body(), Map.class);
        } catch (java.io.IOException e) {
            throw new SubgraphFetchException(subgraph, "HTTP " + response.statusCode() + " from " + url
                    + " is not a JSON object", e);
        }
        boolean success = response.statusCode() >= 200 && response.statusCode() < 300;
        Object data = body == null ? null : body.get("data");
        Object errors = body == null ? null : body.get("errors");
        boolean shaped = body != null
                && (data == null || data instanceof Map<?, ?>)
                && (errors == null || (errors instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)))
                && (body.containsKey("data") || errors != null);
        boolean explained = errors instanceof List<?> list && !list.isEmpty();
        if (!shaped || (!success && !explained)) {
            throw new SubgraphFetchException(subgraph, "HTTP " + response.statusCode() + " from " + url
                    + " is not a GraphQL response", null);
        }
        return new SubgraphResponse((Map<String, Object>) data, (List<Map<String, Object>>) errors);
    }
}
