package dev.thestack.services.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.schema.GraphQLTypeUtil;
import graphql.util.TraversalControl;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses an operation that costs more than a real client ever asks for, after validation and before any
 * resolver runs. Every root field is at least one DynamoDB call and a list field reads up to a page of the
 * table, so without limits one 40 KB request of aliased {@code todos} fields made thousands of DynamoDB queries
 * and a 64 MB response. Each exceeded limit is an error with code {@value #QUERY_TOO_COMPLEX} (HTTP 400).
 *
 * <p>Complexity: a field costs {@value #FIELD_COST}, a field returning a list {@value #LIST_FIELD_COST}, plus
 * what its subfields cost. A full {@code todos} list, or the router's {@code _entities} fetch, costs 14.
 *
 * <p>Introspection ({@code __schema}, {@code __type}, {@code __typename}) is not counted: it reads nothing but
 * the schema, graphql-java's GoodFaithIntrospection already bounds it (20 deep, 500 fields), and the standard
 * introspection query of GraphQL tools is deeper than {@value #MAX_DEPTH}.
 */
public final class QueryLimits extends SimplePerformantInstrumentation {
    public static final String QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";
    /** The router sends one or a few root fields per request; aliases count, as each runs on its own. */
    public static final int MAX_ROOT_FIELDS = 20;
    /** Todo has no object fields, so queries are 2 deep today; the rest is room for the schema to grow. */
    public static final int MAX_DEPTH = 10;
    /** Fourteen full lists at once; the largest real request is a handful of fields. */
    public static final int MAX_COMPLEXITY = 200;
    public static final int FIELD_COST = 1;
    public static final int LIST_FIELD_COST = 10;

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        Cost cost = measure(context);
        List<GraphQLError> exceeded = new ArrayList<>();
        if (cost.rootFields > MAX_ROOT_FIELDS) {
            exceeded.add(error(context, "Query selects " + cost.rootFields
                    + " root fields (aliases included), more than the limit of " + MAX_ROOT_FIELDS));
        }
        if (cost.depth > MAX_DEPTH) {
            exceeded.add(error(context, "Query depth " + cost.depth + " exceeds the limit of " + MAX_DEPTH));
        }
        if (cost.complexity > MAX_COMPLEXITY) {
            exceeded.add(error(context, "Query complexity " + cost.complexity + " exceeds the limit of "
                    + MAX_COMPLEXITY + " (a field costs " + FIELD_COST + ", a list field " + LIST_FIELD_COST
                    + ", each plus its subfields)"));
        }
        if (!exceeded.isEmpty()) {
            // graphql-java answers this with the errors and no data, as for a validation error
            throw new AbortExecutionException(exceeded);
        }
        return SimpleInstrumentationContext.noOp();
    }

    /** One pass over the operation as it will run: fragments spread, {@code @skip}/{@code @include} applied. */
    private static Cost measure(ExecutionContext context) {
        Cost cost = new Cost();
        QueryTraverser.newQueryTraverser()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getExecutionInput().getOperationName())
                .coercedVariables(context.getCoercedVariables())
                .build()
                .visitPreOrder(new QueryVisitorStub() {
                    @Override
                    public TraversalControl visitFieldWithControl(QueryVisitorFieldEnvironment field) {
                        if (field.getFieldDefinition().getName().startsWith("__")) {
                            // introspection, with all below it: not counted, see above
                            return TraversalControl.ABORT;
                        }
                        int depth = depthOf(field);
                        cost.rootFields += depth == 1 ? 1 : 0;
                        cost.depth = Math.max(cost.depth, depth);
                        cost.complexity += GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(
                                field.getFieldDefinition().getType())) ? LIST_FIELD_COST : FIELD_COST;
                        return TraversalControl.CONTINUE;
                    }
                });
        return cost;
    }

    private static int depthOf(QueryVisitorFieldEnvironment field) {
        int depth = 1;
        for (QueryVisitorFieldEnvironment parent = field.getParentEnvironment(); parent != null;
                parent = parent.getParentEnvironment()) {
            depth++;
        }
        return depth;
    }

    private static GraphQLError error(ExecutionContext context, String message) {
        return SafeDataFetcherExceptionHandler.withCode(GraphqlErrorBuilder.newError()
                .message(message)
                .location(context.getOperationDefinition().getSourceLocation()), QUERY_TOO_COMPLEX);
    }

    /** What the operation asks for: root fields (each a resolver call), deepest field, and complexity. */
    private static final class Cost {
        int rootFields;
        int depth;
        int complexity;
    }
}
