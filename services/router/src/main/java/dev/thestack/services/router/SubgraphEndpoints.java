package dev.thestack.services.router;

import dev.thestack.services.router.supergraph.Subgraph;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Where each subgraph answers: {@code http://} or {@code https://} for a GraphQL endpoint, {@code lambda:FUNCTION}
 * for a Lambda function invoked directly, given per subgraph in {@value #ENV_URL_PREFIX}NAME.
 */
public final class SubgraphEndpoints {
    /** {@code SUBGRAPH_URL_TODO} for subgraph "todo": the environment variable that gives a subgraph's URL. */
    public static final String ENV_URL_PREFIX = "SUBGRAPH_URL_";

    private SubgraphEndpoints() {
    }

    /** The URL of every subgraph of the supergraph; refused, naming the variable, if one is missing or not a URL. */
    public static Map<String, URI> fromEnvironment(List<Subgraph> subgraphs, Map<String, String> environment) {
        Map<String, URI> urls = new LinkedHashMap<>();
        for (Subgraph subgraph : subgraphs) {
            String variable = ENV_URL_PREFIX + subgraph.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("Environment variable " + variable + " is not set; set it to the URL"
                        + " of the " + subgraph.name() + " subgraph's GraphQL endpoint (such as https://todo.example/graphql)"
                        + " or to lambda:FUNCTION for its Lambda function");
            }
            URI url;
            try {
                url = URI.create(value.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Environment variable " + variable + " is not a URL: " + value, e);
            }
            boolean lambda = LambdaSubgraphTransport.URL_SCHEME.equals(url.getScheme()) && url.getSchemeSpecificPart() != null
                    && !url.getSchemeSpecificPart().isBlank();
            if (!lambda && !"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalStateException("Environment variable " + variable
                        + " must be an http or https URL or lambda:FUNCTION, was " + value);
            }
            urls.put(subgraph.name(), url);
        }
        return urls;
    }

    /**
     * One transport for every subgraph: HTTP to the http(s) URLs, Lambda invokes for the lambda: ones.
     *
     * @param lambda makes the Lambda client, only when a subgraph is a function
     */
    public static SubgraphTransport transport(Map<String, URI> urls, FetchTimeouts timeouts,
                                             Supplier<LambdaClient> lambda) {
        Map<String, URI> http = new LinkedHashMap<>();
        Map<String, String> functions = new LinkedHashMap<>();
        urls.forEach((subgraph, url) -> {
            if (LambdaSubgraphTransport.URL_SCHEME.equals(url.getScheme())) {
                functions.put(subgraph, url.getSchemeSpecificPart());
            } else {
                http.put(subgraph, url);
            }
        });
        SubgraphTransport overHttp = http.isEmpty() ? null : new HttpSubgraphTransport(http, timeouts);
        SubgraphTransport invoked = functions.isEmpty() ? null : new LambdaSubgraphTransport(lambda.get(), functions, timeouts);
        return request -> {
            SubgraphTransport transport = functions.containsKey(request.subgraph()) ? invoked : overHttp;
            return transport != null ? transport.fetch(request) : CompletableFuture.failedFuture(new SubgraphFetchException(
                    request.subgraph(), "no URL is configured for subgraph " + request.subgraph(), null));
        };
    }
}
