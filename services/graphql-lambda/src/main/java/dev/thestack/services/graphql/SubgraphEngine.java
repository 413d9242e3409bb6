package dev.thestack.services.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A subgraph's schema run as every subgraph of the stack runs it: a data fetcher's exception reaches the client
 * masked ({@link SafeDataFetcherExceptionHandler}), {@link QueryLimits} apply, and the caller's tenant and user ride
 * in the GraphQL context, where data fetchers read them with {@link #tenant} and {@link #user}.
 */
public final class SubgraphEngine {
    private static final String TENANT = "tenant";
    private static final String USER = "user";
    private static final String OPERATION_NAME = "operationName";

    private final GraphQL graphQL;

    public SubgraphEngine(GraphQLSchema schema) {
        this.graphQL = GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new SafeDataFetcherExceptionHandler())
                // the name first, so that an operation refused by the limits is still logged by its name
                .instrumentation(new ChainedInstrumentation(new OperationNameRecorder(), new QueryLimits()))
                .build();
    }

    /** Runs the request for the tenant and, when known, the user; errors come back in the result, never as exceptions. */
    public ExecutedRequest execute(GraphQLRequest request, TenantId tenant, Optional<UserId> user) {
        Map<Object, Object> context = new HashMap<>();
        context.put(TENANT, tenant);
        user.ifPresent(id -> context.put(USER, id));
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(request.query())
                .variables(request.variables())
                .operationName(request.operationName())
                .graphQLContext(context)
                .build();
        ExecutionResult result = graphQL.execute(input);
        String operationName = input.getGraphQLContext().getOrDefault(OPERATION_NAME, request.operationName());
        return new ExecutedRequest(result, operationName);
    }

    /** The tenant the request runs for. */
    public static TenantId tenant(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(TENANT);
    }

    /** The calling user, when the request named one ({@link UserId#HEADER}). */
    public static Optional<UserId> user(DataFetchingEnvironment env) {
        return Optional.ofNullable(env.getGraphQlContext().get(USER));
    }

    /**
     * Notes the name of the operation that runs, which a client need not send as {@code operationName} when the
     * document holds a single named operation.
     */
    private static final class OperationNameRecorder extends SimplePerformantInstrumentation {
        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            String name = parameters.getExecutionContext().getOperationDefinition().getName();
            if (name != null) {
                parameters.getExecutionContext().getGraphQLContext().put(OPERATION_NAME, name);
            }
            return SimpleInstrumentationContext.noOp();
        }
    }
}
