package dev.thestack.services.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.router.supergraph.Supergraph;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots the initialized function, one operation with an entity join and a
 * {@code @requires} runs through the request parser, validation, planning, the plan executor, the response shaping
 * and the response's JSON, so the classes of the hot path are loaded and initialized in the snapshot instead of on
 * the first invocation after every restore. The subgraphs are not called (they may not be reachable while Lambda
 * initializes, and a snapshot must not hold their connections): a router of its own answers from canned subgraph
 * responses. Nothing is counted or logged as an invocation.
 */
public final class RouterPriming implements Resource {
    static final String PRIMING_BODY = "{\"query\":\"query Priming { todos(limit: 1) { id title canAttach attachments { id fileName } } }\"}";

    private static final Logger LOG = LogManager.getLogger(RouterPriming.class);
    /** What the subgraphs would answer the priming operation's two fetches with. */
    private static final Map<String, Map<String, Object>> CANNED = Map.of(
            "todo", Map.of("todos", List.of(Map.of("__typename", "Todo", "id", "priming", "title", "Priming", "done", false))),
            "media", Map.of("_entities", List.of(Map.of("canAttach", true, "attachments", List.of()))));

    private final Router router;
    private final GraphQLRequestParser requestParser;
    private final ObjectMapper json;

    RouterPriming(Supergraph supergraph, GraphQLRequestParser requestParser, ObjectMapper json) {
        this.router = Router.builder()
                .supergraph(supergraph)
                .transport(request -> CompletableFuture.completedFuture(
                        new SubgraphResponse(CANNED.get(request.subgraph()), List.of())))
                .build();
        this.requestParser = requestParser;
        this.json = json;
    }

    /**
     * Registers the hooks with the global CRaC context. The context holds its resources weakly, so the caller
     * must keep the returned object for as long as the handler lives.
     */
    static RouterPriming register(Supergraph supergraph, GraphQLRequestParser requestParser, ObjectMapper json) {
        RouterPriming priming = new RouterPriming(supergraph, requestParser, json);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        GraphQLHttpResponse response = prime();
        // a failed priming only costs the first invocation its speed-up: say so, and let the snapshot be taken
        LOG.info("SnapStart priming answered HTTP {} in {} ms", response.statusCode(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: the HTTP client made no connection before the snapshot
    }

    /** The priming operation's response, as the handler would have answered it. */
    GraphQLHttpResponse prime() {
        GraphQLHttpResponse response = router.execute(requestParser.parse(PRIMING_BODY, false), Map.of());
        // thrown away: only the serializer's classes are wanted
        response.toApiGatewayResponse(json);
        return response;
    }
}
