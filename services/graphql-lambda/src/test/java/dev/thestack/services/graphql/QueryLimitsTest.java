package dev.thestack.services.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.introspection.IntrospectionQuery;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The limits on a schema that, unlike the Todo schema, nests without end, so that depth can be reached too.
 * Every resolver call is counted: a refused operation must not have made one.
 */
class QueryLimitsTest {
    private static final String SDL = """
            type Query { node: Node, nodes: [Node] }
            type Node { id: ID, child: Node, children: [Node] }
            """;

    private final AtomicInteger resolverCalls = new AtomicInteger();
    private final GraphQL graphQL = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
                    new SchemaParser().parse(SDL),
                    RuntimeWiring.newRuntimeWiring()
                            .type("Query", query -> query.dataFetcher("node", counted(Map.of("id", "1")))
                                    .dataFetcher("nodes", counted(List.of(Map.of("id", "1")))))
                            .build()))
            .instrumentation(new QueryLimits())
            .build();

    @Test
    void depthOfTenPassesAndElevenIsRefused() {
        assertThat(run(nested(10)).getErrors()).isEmpty();
        assertThat(resolverCalls).hasValue(1);

        assertRefused(nested(11), "Query depth 11 exceeds the limit of 10");
    }

    @Test
    void complexityCountsListFieldsTenAndOtherFieldsOne() {
        // 18 lists of one subfield: 18 * 11 = 198; and a node with its id: 200
        String atLimit = "{ " + aliased(18, "nodes { id }") + " node { id } }";
        assertThat(run(atLimit).getErrors()).isEmpty();

        assertRefused("{ " + aliased(18, "nodes { id }") + " node { id child { id } } }",
                "Query complexity 202 exceeds the limit of 200 (a field costs 1, a list field 10, each plus its subfields)");
        // the cost of a list is not multiplied by its subfields' or nested lists' cost, only added up
        assertThat(run("{ nodes { children { children { id } } } }").getErrors()).isEmpty();
    }

    @Test
    void twentyRootFieldsPassAndTwentyOneAreRefusedCountingAliases() {
        assertThat(run("{ " + aliased(20, "node { id }") + " }").getErrors()).isEmpty();
        assertThat(resolverCalls).hasValue(20);

        assertRefused("{ " + aliased(21, "node { id }") + " }",
                "Query selects 21 root fields (aliases included), more than the limit of 20");
    }

    @Test
    void aliasFloodIsRefusedForEveryLimitItExceeds() {
        ExecutionResult result = run("{ " + aliased(2490, "nodes { id }") + " }");

        assertThat(result.getErrors()).extracting(GraphQLError::getMessage).containsExactly(
                "Query selects 2490 root fields (aliases included), more than the limit of 20",
                "Query complexity 27390 exceeds the limit of 200 (a field costs 1, a list field 10, each plus its subfields)");
        assertThat(resolverCalls).hasValue(0);
    }

    @Test
    void fragmentsAreCountedWhereTheyAreSpreadAndSkippedFieldsAreNot() {
        String fragments = "{ ...Deep } fragment Deep on Query { " + nested(11).substring(2);
        assertRefused(fragments, "Query depth 11 exceeds the limit of 10");

        String skipped = "query($skip: Boolean!) { " + aliased(25, "node @skip(if: $skip) { id }") + " }";
        assertThat(graphQL.execute(ExecutionInput.newExecutionInput(skipped).variables(Map.of("skip", true)))
                .getErrors()).isEmpty();
    }

    @Test
    void introspectionIsNotCounted() {
        ExecutionResult introspection = run(IntrospectionQuery.INTROSPECTION_QUERY);

        assertThat(introspection.getErrors()).isEmpty();
        assertThat(introspection.<Map<String, Object>>getData()).containsKey("__schema");
        assertThat(run("{ " + aliased(30, "__typename") + " }").getErrors()).isEmpty();
    }

    private ExecutionResult run(String query) {
        return graphQL.execute(query);
    }

    private void assertRefused(String query, String message) {
        resolverCalls.set(0);
        ExecutionResult result = run(query);

        assertThat(result.isDataPresent()).isFalse();
        assertThat(result.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getMessage()).isEqualTo(message);
            assertThat(error.getExtensions()).containsEntry("code", QueryLimits.QUERY_TOO_COMPLEX);
        });
        assertThat(resolverCalls).as("resolver calls of a refused operation").hasValue(0);
    }

    /** {@code { node { child { ... { id } } } }}, depth fields deep counting the id. */
    private static String nested(int depth) {
        return "{ node " + "{ child ".repeat(depth - 2) + "{ id }" + " }".repeat(depth - 2) + " }";
    }

    private static String aliased(int count, String selection) {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < count; i++) {
            fields.append('a').append(i).append(": ").append(selection).append(' ');
        }
        return fields.toString();
    }

    private DataFetcher<Object> counted(Object value) {
        return env -> {
            resolverCalls.incrementAndGet();
            return value;
        };
    }
}
