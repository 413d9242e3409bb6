package dev.thestack.services.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.BiFunction;

/**
 * SnapStart priming of a subgraph: its priming operation runs as the subgraph runs every request, for a tenant of its
 * own that holds no data and with no user, so it only reads and changes nothing. Each subgraph names its operation
 * in a subclass of its own.
 */
public abstract class SubgraphPriming extends SnapStartPriming {
    /** The tenant the priming operation runs for. */
    public static final TenantId PRIMING_TENANT = new TenantId("snapstart-priming");

    private final BiFunction<GraphQLRequest, TenantId, ExecutedRequest> execution;

    /** @param execution how the subgraph runs a request for a tenant, with no user */
    protected SubgraphPriming(String body, GraphQLRequestParser requestParser, ObjectMapper json,
                              BiFunction<GraphQLRequest, TenantId, ExecutedRequest> execution) {
        super(body, requestParser, json);
        this.execution = execution;
    }

    @Override
    protected final GraphQLHttpResponse answer(GraphQLRequest request) {
        return GraphQLHttpResponse.of(execution.apply(request, PRIMING_TENANT).result());
    }
}
