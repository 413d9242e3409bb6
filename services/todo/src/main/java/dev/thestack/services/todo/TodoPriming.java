package dev.thestack.services.todo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.graphql.TenantId;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots the initialized function, one read-only request runs through the
 * request parser, the GraphQL engine, a DynamoDB Query and the response's JSON, so the classes of the hot path are
 * loaded and initialized in the snapshot instead of on the first invocation after every restore. It only reads,
 * for a tenant of its own that holds no todos, and bypasses the handler method, so no data changes, no metric is
 * emitted and no invocation is logged.
 */
public final class TodoPriming implements Resource {
    /** The tenant whose (absent) todos the priming request lists. */
    public static final TenantId PRIMING_TENANT = new TenantId("snapstart-priming");
    static final String PRIMING_BODY = "{\"query\":\"query Priming { todos(limit: 1) { id title done createdAt } }\"}";

    private static final Logger LOG = LogManager.getLogger(TodoPriming.class);

    private final TodoSubgraph subgraph;
    private final GraphQLRequestParser requestParser;
    private final ObjectMapper json;

    TodoPriming(TodoSubgraph subgraph, GraphQLRequestParser requestParser, ObjectMapper json) {
        this.subgraph = subgraph;
        this.requestParser = requestParser;
        this.json = json;
    }

    /**
     * Registers the hooks with the global CRaC context. The context holds its resources weakly, so the caller
     * must keep the returned object for as long as the handler lives.
     */
    static TodoPriming register(TodoSubgraph subgraph, GraphQLRequestParser requestParser, ObjectMapper json) {
        TodoPriming priming = new TodoPriming(subgraph, requestParser, json);
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
        // nothing to renew here: a kept-alive connection that did not survive the snapshot fails and the SDK retries
    }

    /** The priming request's response, as the handler would have answered it. */
    GraphQLHttpResponse prime() {
        GraphQLHttpResponse response = GraphQLHttpResponse.of(
                subgraph.execute(requestParser.parse(PRIMING_BODY, false), PRIMING_TENANT, Optional.empty()).result());
        // thrown away: only the serializer's classes are wanted
        response.toApiGatewayResponse(json);
        return response;
    }
}
