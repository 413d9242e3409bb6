package dev.thestack.services.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubgraphEngineTest {
    private static final String SDL = "type Query { whoAmI: String  broken: String  node: Node }"
            + " type Node { child: Node  name: String }";
    private static final SubgraphEngine ENGINE = new SubgraphEngine(new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse(SDL), RuntimeWiring.newRuntimeWiring()
                    .type("Query", query -> query
                            .dataFetcher("whoAmI", env -> SubgraphEngine.tenant(env).value() + "/"
                                    + SubgraphEngine.user(env).map(UserId::value).orElse("nobody"))
                            .dataFetcher("broken", env -> {
                                throw new IllegalStateException("table acme-internal-todos is gone");
                            }))
                    .build()));

    @Test
    void dataFetchersReadTheTenantAndTheUserOfTheRequest() {
        assertThat(run("{ whoAmI }", Optional.of(new UserId("u-7"))).result().<Map<String, Object>>getData())
                .containsEntry("whoAmI", "acme/u-7");
        assertThat(run("{ whoAmI }", Optional.empty()).result().<Map<String, Object>>getData())
                .containsEntry("whoAmI", "acme/nobody");
    }

    @Test
    void theOperationIsNamedByTheDocumentWhenTheClientSendsNoOperationName() {
        assertThat(run("query WhoIsIt { whoAmI }", Optional.empty()).operationName()).isEqualTo("WhoIsIt");
        assertThat(run("{ whoAmI }", Optional.empty()).operationLabel()).isEqualTo(ExecutedRequest.ANONYMOUS);
    }

    @Test
    void aFailingDataFetcherIsMaskedAndTheLimitsApply() {
        ExecutedRequest broken = run("{ broken }", Optional.empty());
        assertThat(broken.result().getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getMessage()).isEqualTo(SafeDataFetcherExceptionHandler.INTERNAL_ERROR_MESSAGE);
            assertThat(error.getExtensions()).containsEntry("code", SafeDataFetcherExceptionHandler.INTERNAL_SERVER_ERROR);
        });

        String deep = "{ node " + "{ child ".repeat(QueryLimits.MAX_DEPTH) + "{ name }" + " }".repeat(QueryLimits.MAX_DEPTH) + " }";
        ExecutedRequest refused = run("query Deep " + deep, Optional.empty());
        assertThat(refused.result().getErrors()).isNotEmpty();
        assertThat(refused.result().getErrors().get(0).getExtensions()).containsEntry("code", QueryLimits.QUERY_TOO_COMPLEX);
        // named before the limits refused it, so the refusal is logged and counted under its name
        assertThat(refused.operationName()).isEqualTo("Deep");
    }

    private static ExecutedRequest run(String query, Optional<UserId> user) {
        return ENGINE.execute(new GraphQLRequest(query, Map.of(), null), new TenantId("acme"), user);
    }
}
