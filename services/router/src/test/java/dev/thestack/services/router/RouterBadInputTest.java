package dev.thestack.services.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.router.supergraph.Supergraph;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests the router refuses before fetching anything: HTTP 400, an error naming what is wrong, no subgraph call. */
class RouterBadInputTest {
    private static final Supergraph SUPERGRAPH = Supergraph.fromClasspath();

    private final InProcessSubgraphs subgraphs = new InProcessSubgraphs();
    private final Router router = Router.builder().supergraph(SUPERGRAPH).transport(subgraphs)
            .limits(new RouterLimits(200, 4, 2, 3)).build();

    private Map<String, Object> refused(String query, Map<String, Object> variables, String operationName, String code) {
        GraphQLHttpResponse response = router.execute(new GraphQLRequest(query, variables, operationName), Map.of());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).containsOnlyKeys("errors");
        List<?> errors = (List<?>) response.body().get("errors");
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) errors.get(0);
        assertThat(first.get("extensions")).isEqualTo(Map.of("code", code));
        assertThat(subgraphs.requests()).isEmpty();
        return first;
    }

    private Map<String, Object> refused(String query, String code) {
        return refused(query, Map.of(), null, code);
    }

    @Test
    void syntaxErrorsNameWhereTheDocumentBroke() {
        Map<String, Object> error = refused("{ todos { id }", Router.GRAPHQL_PARSE_FAILED);

        assertThat(error.get("message")).isEqualTo("Syntax Error: Expected Name, found <EOF>.");
        assertThat(error.get("locations")).isEqualTo(List.of(Map.of("line", 1, "column", 15)));
    }

    @Test
    void unknownFieldsAreValidationErrorsNamingTheFieldAndType() {
        Map<String, Object> error = refused("{ todos { id secret } }", Router.GRAPHQL_VALIDATION_FAILED);

        assertThat((String) error.get("message")).isEqualTo("Cannot query field \"secret\" on type \"Todo\".");
    }

    @Test
    void federationMachineryIsNotPartOfTheApi() {
        refused("{ _entities(representations: []) { __typename } }", Router.GRAPHQL_VALIDATION_FAILED);
        refused("{ _service { sdl } }", Router.GRAPHQL_VALIDATION_FAILED);
    }

    @Test
    void variablesOfTheWrongTypeNameTheVariableAndWhatWasExpected() {
        Map<String, Object> error = refused("query($id: ID!) { todo(id: $id) { id } }",
                Map.of("id", Map.of("nested", 1)), null, "BAD_USER_INPUT");

        assertThat(error.get("message")).isEqualTo("Variable \"$id\" got invalid value { nested: 1 }; ID cannot represent value: { nested: 1 }");
    }

    @Test
    void aMissingRequiredVariableIsRefused() {
        Map<String, Object> error = refused("query($id: ID!) { todo(id: $id) { id } }", Map.of(), null, "BAD_USER_INPUT");

        assertThat(error.get("message")).isEqualTo("Variable \"$id\" of required type \"ID!\" was not provided.");
    }

    @Test
    void anUnknownOrMissingOperationNameIsRefused() {
        String two = "query A { me { id } } query B { todos { id } }";

        assertThat(refused(two, Map.of(), "C", Router.INVALID_GRAPHQL).get("message"))
                .isEqualTo("Unknown operation named \"C\".");
        assertThat(refused(two, Map.of(), null, Router.INVALID_GRAPHQL).get("message"))
                .isEqualTo("Must provide operation name if query contains multiple operations.");
    }

    @Test
    void depthAliasAndRootFieldBombsAreRefusedNamingTheLimit() {
        assertThat(refused("{ todos { owner { todos { owner { todos { id } } } } } }", "QUERY_TOO_COMPLEX").get("message"))
                .isEqualTo("Query depth 6 exceeds the limit of 4");
        assertThat(refused("{ todos { a: id b: id c: id } }", "QUERY_TOO_COMPLEX").get("message"))
                .isEqualTo("Query has 3 aliases, more than the limit of 2");
        assertThat(refused("{ me { id } todos { id } todo(id: 1) { id } attachment(id: 2) { id } }", "QUERY_TOO_COMPLEX")
                .get("message")).isEqualTo("Query selects 4 root fields (aliases included), more than the limit of 3");
    }

    @Test
    void aDocumentOfTooManyTokensIsRefusedBeforeItIsParsedWhole() {
        String huge = "{ todos { " + "id ".repeat(500) + "} }";

        assertThat(refused(huge, "QUERY_TOO_COMPLEX").get("message"))
                .isEqualTo("The document has more than 200 tokens, the most this API accepts");
    }

    @Test
    void introspectionIsRefusedUnlessEnabled() {
        assertThat((String) refused("{ __schema { queryType { name } } }", Router.GRAPHQL_VALIDATION_FAILED).get("message"))
                .startsWith("GraphQL introspection is not allowed here");

        Router enabled = Router.builder().supergraph(SUPERGRAPH).transport(subgraphs).introspection(true).build();
        GraphQLHttpResponse response = enabled.execute(new GraphQLRequest(
                "{ __schema { queryType { name } } t: __type(name: \"Todo\") { fields { name } } todos { id } }",
                Map.of(), null), Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) response.body().get("data");
        assertThat(data).containsOnlyKeys("__schema", "t", "todos");
        assertThat(data.get("__schema")).isEqualTo(Map.of("queryType", Map.of("name", "Query")));
        assertThat(data.get("t").toString()).contains("canAttach").doesNotContain("join__");
    }
}
