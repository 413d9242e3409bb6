package dev.thestack.services.todo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.graphql.SubgraphPriming;
import java.util.Optional;

/**
 * Todo's SnapStart priming: a todos query through the GraphQL engine and a DynamoDB Query, for the priming tenant,
 * which holds no todos.
 */
public final class TodoPriming extends SubgraphPriming {
    static final String PRIMING_BODY = "{\"query\":\"query Priming { todos(limit: 1) { id title done createdAt } }\"}";

    TodoPriming(TodoSubgraph subgraph, GraphQLRequestParser requestParser, ObjectMapper json) {
        super(PRIMING_BODY, requestParser, json,
                (request, tenant) -> subgraph.execute(request, tenant, Optional.empty()));
    }
}
