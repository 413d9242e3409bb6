package dev.thestack.services.todo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.graphql.SnapStartPriming;
import dev.thestack.services.graphql.TenantId;
import java.util.Optional;

/**
 * Todo's SnapStart priming: a todos query through the GraphQL engine and a DynamoDB Query. It only reads, for a
 * tenant of its own that holds no todos, so no data changes.
 */
public final class TodoPriming extends SnapStartPriming {
    /** The tenant whose (absent) todos the priming request lists. */
    public static final TenantId PRIMING_TENANT = new TenantId("snapstart-priming");
    static final String PRIMING_BODY = "{\"query\":\"query Priming { todos(limit: 1) { id title done createdAt } }\"}";

    private final TodoSubgraph subgraph;

    TodoPriming(TodoSubgraph subgraph, GraphQLRequestParser requestParser, ObjectMapper json) {
        super(PRIMING_BODY, requestParser, json);
        this.subgraph = subgraph;
    }

    @Override
    protected GraphQLHttpResponse answer(GraphQLRequest request) {
        return GraphQLHttpResponse.of(subgraph.execute(request, PRIMING_TENANT, Optional.empty()).result());
    }
}
