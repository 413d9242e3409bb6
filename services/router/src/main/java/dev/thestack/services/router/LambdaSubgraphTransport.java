package dev.thestack.services.router;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Entity;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Reaches subgraphs that are Lambda functions by invoking them (Lambda's Invoke API, request-response) with the
 * API Gateway proxy event their handlers read: a {@code POST} of the GraphQL request as JSON, with the forwarded
 * headers. The function's proxy response carries the GraphQL response as its body. A function error (the handler
 * threw, timed out or ran out of memory) and a payload that is no proxy response are {@link SubgraphFetchException}s;
 * an invoke that outlasts the timeout is a {@link TimeoutException}.
 *
 * <p>The function is named as composition names a subgraph's URL here, {@value #URL_SCHEME}:{@code FUNCTION}
 * (a name, an alias-qualified name or an ARN), in {@code SUBGRAPH_URL_<NAME>}.
 */
public final class LambdaSubgraphTransport implements SubgraphTransport {
    public static final String URL_SCHEME = "lambda";

    private final LambdaClient lambda;
    private final Map<String, String> functions;
    private final FetchTimeouts timeouts;
    // the SDK's synchronous client blocks a thread per invoke; these are the threads
    private final ExecutorService invokers = FetchThreads.pool("subgraph-invoke");

    /** @param functions the function to invoke for each subgraph, by the subgraph's name */
    public LambdaSubgraphTransport(LambdaClient lambda, Map<String, String> functions, FetchTimeouts timeouts) {
        this.lambda = lambda;
        this.functions = Map.copyOf(functions);
        this.timeouts = timeouts;
    }

    @Override
    public CompletableFuture<SubgraphResponse> fetch(SubgraphRequest request) {
        String function = functions.get(request.subgraph());
        if (function == null) {
            return CompletableFuture.failedFuture(new SubgraphFetchException(request.subgraph(),
                    "no function is configured for subgraph " + request.subgraph(), null));
        }
        // the invoke runs on a pooled thread, which X-Ray's thread-local context knows nothing of: it gets the
        // caller's trace entity, for what it runs and for the fetches that depend on it, which the completion runs
        Entity caller = AWSXRay.getGlobalRecorder().getTraceEntity();
        CompletableFuture<SubgraphResponse> response = new CompletableFuture<>();
        invokers.execute(() -> {
            Entity before = AWSXRay.getGlobalRecorder().getTraceEntity();
            if (caller != null) {
                AWSXRay.getGlobalRecorder().setTraceEntity(caller);
            }
            try {
                response.complete(invoke(request, function));
            } catch (Throwable e) {
                // as supplyAsync passes it on
                response.completeExceptionally(e instanceof CompletionException ? e : new CompletionException(e));
            } finally {
                if (caller != null) {
                    AWSXRay.getGlobalRecorder().setTraceEntity(before);
                }
            }
        });
        return response;
    }

    private SubgraphResponse invoke(SubgraphRequest request, String function) {
        Duration timeout = timeouts.of(request.subgraph());
        InvokeResponse response;
        try {
            response = lambda.invoke(InvokeRequest.builder()
                    .functionName(function)
                    .payload(SdkBytes.fromByteArray(proxyEvent(request)))
                    .overrideConfiguration(configuration -> configuration.apiCallTimeout(timeout))
                    .build());
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            throw new CompletionException(new TimeoutException("invoking " + function + " took longer than "
                    + timeout.toMillis() + " ms"));
        } catch (SdkException e) {
            throw new SubgraphFetchException(request.subgraph(), "cannot invoke " + function, e);
        }
        if (response.functionError() != null) {
            throw new SubgraphFetchException(request.subgraph(), "function " + function + " failed ("
                    + response.functionError() + "): " + response.payload().asUtf8String(), null);
        }
        Map<?, ?> proxyResponse;
        try {
            proxyResponse = GraphQLOverHttp.JSON.readValue(response.payload().asByteArray(), Map.class);
        } catch (IOException e) {
            throw new SubgraphFetchException(request.subgraph(), "function " + function + " answered no JSON", e);
        }
        if (proxyResponse == null || !(proxyResponse.get("statusCode") instanceof Integer status)
                || !(proxyResponse.get("body") instanceof String body)) {
            throw new SubgraphFetchException(request.subgraph(), "function " + function
                    + " answered no API Gateway proxy response (statusCode and body)", null);
        }
        return GraphQLOverHttp.response(request.subgraph(), "function " + function, status,
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] proxyEvent(SubgraphRequest request) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put("content-type", "application/json");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "POST");
        event.put("path", "/graphql");
        event.put("headers", headers);
        event.put("body", new String(GraphQLOverHttp.requestBody(request), StandardCharsets.UTF_8));
        event.put("isBase64Encoded", false);
        try {
            return GraphQLOverHttp.JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new SubgraphFetchException(request.subgraph(), "cannot write the proxy event as JSON", e);
        }
    }
}
