package dev.thestack.services.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.graphql.SnapStartPriming;
import dev.thestack.services.router.supergraph.Supergraph;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The router's SnapStart priming: one operation with an entity join and a {@code @requires} through validation,
 * planning, the plan executor and the response shaping. The subgraphs are not called (they may not be reachable
 * while Lambda initializes, and a snapshot must not hold their connections): a router of its own answers from
 * canned subgraph responses.
 */
public final class RouterPriming extends SnapStartPriming {
    static final String PRIMING_BODY = "{\"query\":\"query Priming { todos(limit: 1) { id title canAttach attachments { id fileName } } }\"}";

    /** What the subgraphs would answer the priming operation's two fetches with. */
    private static final Map<String, Map<String, Object>> CANNED = Map.of(
            "todo", Map.of("todos", List.of(Map.of("__typename", "Todo", "id", "priming", "title", "Priming", "done", false))),
            "media", Map.of("_entities", List.of(Map.of("canAttach", true, "attachments", List.of()))));

    private final Router router;

    RouterPriming(Supergraph supergraph, GraphQLRequestParser requestParser, ObjectMapper json) {
        super(PRIMING_BODY, requestParser, json);
        this.router = Router.builder()
                .supergraph(supergraph)
                .transport(request -> CompletableFuture.completedFuture(
                        new SubgraphResponse(CANNED.get(request.subgraph()), List.of())))
                .build();
    }

    @Override
    protected GraphQLHttpResponse answer(GraphQLRequest request) {
        return router.execute(request, Map.of());
    }
}
