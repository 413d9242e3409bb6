package dev.thestack.services.router;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * Reaches subgraphs over GraphQL over HTTP (POST of JSON) with one shared {@link HttpClient}, HTTP/1.1 kept alive.
 * A fetch that takes longer than the timeout is a {@link TimeoutException}; a refused connection and a body that
 * is not a GraphQL response end in a {@link SubgraphFetchException}, whose message (for logs) names the status and
 * URL. A non-2xx answer whose body is a GraphQL response with errors is read as one: the subgraph refused the
 * request and said why.
 */
public final class HttpSubgraphTransport implements SubgraphTransport {
    private final Map<String, URI> urls;
    private final FetchTimeouts timeouts;
    private final HttpClient client;
    private final ExecutorService senders = FetchThreads.pool("subgraph-fetch");

    /** @param urls where each subgraph (by its supergraph name) answers GraphQL POSTs */
    public HttpSubgraphTransport(Map<String, URI> urls, FetchTimeouts timeouts) {
        this.urls = Map.copyOf(urls);
        this.timeouts = timeouts;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.fallback())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public CompletableFuture<SubgraphResponse> fetch(SubgraphRequest request) {
        URI url = urls.get(request.subgraph());
        if (url == null) {
            return CompletableFuture.failedFuture(new SubgraphFetchException(request.subgraph(),
                    "no URL is configured for subgraph " + request.subgraph(), null));
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(url)
                .timeout(timeouts.of(request.subgraph()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(GraphQLOverHttp.requestBody(request)));
        request.headers().forEach(http::header);
        // send, not sendAsync: sendAsync hands every answer to CompletableFuture's default executor, which on a
        // machine of one or two vCPUs (Lambda below 3 GB) starts a new thread per task
        return CompletableFuture.supplyAsync(() -> send(request.subgraph(), url, http.build()), senders);
    }

    private SubgraphResponse send(String subgraph, URI url, HttpRequest http) {
        HttpResponse<byte[]> response;
        try {
            response = client.send(http, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            // the executor tells clients a subgraph was too slow by this exception
            throw new CompletionException(new TimeoutException(subgraph + " at " + url + " did not answer within "
                    + timeouts.of(subgraph).toMillis() + " ms"));
        } catch (IOException e) {
            throw new SubgraphFetchException(subgraph, "no answer from " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubgraphFetchException(subgraph, "interrupted while waiting for " + url, e);
        }
        return GraphQLOverHttp.response(subgraph, url.toString(), response.statusCode(), response.body());
    }
}
