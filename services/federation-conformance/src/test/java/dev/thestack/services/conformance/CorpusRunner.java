package dev.thestack.services.conformance;

import dev.thestack.services.conformance.GraphQLHttpClient.Answer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a corpus operation through a router for a fresh tenant of its own, seeded first, as
 * {@value SubgraphServers#ALICE} unless the operation's headers say otherwise.
 */
final class CorpusRunner {
    private final SubgraphServers subgraphs;
    private final GraphQLHttpClient client = new GraphQLHttpClient();

    CorpusRunner(SubgraphServers subgraphs) {
        this.subgraphs = subgraphs;
    }

    /** The tenant an operation runs under through one router: gw-07, java-07. */
    static String tenant(String routerPrefix, CorpusOperation operation) {
        return String.format("%s-%02d", routerPrefix, operation.number());
    }

    /** Through a router over HTTP. */
    Answer run(URI router, String tenant, CorpusOperation operation) {
        return run(tenant, operation, headers -> client.post(router, operation.query(), operation.variables(),
                operation.operationName(), headers));
    }

    /** Through a router called in-process with the request's headers. */
    Answer run(String tenant, CorpusOperation operation, Function<Map<String, String>, Answer> router) {
        subgraphs.seed(tenant);
        Map<String, String> headers = new LinkedHashMap<>(SubgraphServers.headers(tenant, SubgraphServers.ALICE));
        operation.headers().forEach((name, value) -> {
            headers.keySet().removeIf(name::equalsIgnoreCase);
            if (value != null) {
                headers.put(name, value);
            }
        });
        return router.apply(headers);
    }
}
