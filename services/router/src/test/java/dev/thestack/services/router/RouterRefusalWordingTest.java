package dev.thestack.services.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.router.supergraph.Supergraph;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Refusals word for word as {@code @apollo/gateway} 2.14.4 under Apollo Server 4 answered the same requests on the
 * same supergraph (each expected body below is its answer, recorded with node-tools/gateway.mjs).
 */
class RouterRefusalWordingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Router ROUTER = Router.builder().supergraph(Supergraph.fromClasspath())
            .transport(new InProcessSubgraphs()).build();

    private static void answersAsTheGateway(String query, Map<String, Object> variables, String gatewayAnswer) {
        GraphQLHttpResponse response = ROUTER.execute(new GraphQLRequest(query, variables, null), Map.of());
        assertThat(response.statusCode()).isEqualTo(400);
        try {
            JsonNode expected = JSON.readTree(gatewayAnswer);
            assertThat(JSON.valueToTree(response.body()).toString()).isEqualTo(expected.toString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aVariableOfTheWrongType() {
        answersAsTheGateway("query WrongVariableType($limit: Int) {\n  todos(limit: $limit) {\n    id\n  }\n}\n",
                Map.of("limit", "two"), """
                {"errors":[{"message":"Variable \\"$limit\\" got invalid value \\"two\\"; Int cannot represent non-integer value: \\"two\\"","locations":[{"line":1,"column":25}],"extensions":{"code":"BAD_USER_INPUT"}}]}""");
        answersAsTheGateway("query($id: ID!) { todo(id: $id) { id } }", Map.of("id", Map.of("a", 1)), """
                {"errors":[{"message":"Variable \\"$id\\" got invalid value { a: 1 }; ID cannot represent value: { a: 1 }","locations":[{"line":1,"column":7}],"extensions":{"code":"BAD_USER_INPUT"}}]}""");
        answersAsTheGateway("query($id: ID!) { todo(id: $id) { id } }", Map.of("id", true), """
                {"errors":[{"message":"Variable \\"$id\\" got invalid value true; ID cannot represent value: true","locations":[{"line":1,"column":7}],"extensions":{"code":"BAD_USER_INPUT"}}]}""");
    }

    @Test
    void aMissingRequiredVariable() {
        answersAsTheGateway("query MissingVariable($id: ID!) {\n  todo(id: $id) {\n    id\n  }\n}\n", Map.of(), """
                {"errors":[{"message":"Variable \\"$id\\" of required type \\"ID!\\" was not provided.","locations":[{"line":1,"column":23}],"extensions":{"code":"BAD_USER_INPUT"}}]}""");
    }

    @Test
    void unknownFieldsAndArguments() {
        answersAsTheGateway("query UnknownField {\n  todos {\n    id\n    priority\n  }\n}\n", Map.of(), """
                {"errors":[{"message":"Cannot query field \\"priority\\" on type \\"Todo\\".","locations":[{"line":4,"column":5}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}""");
        answersAsTheGateway("query UnknownRootField {\n  projects {\n    id\n  }\n}\n", Map.of(), """
                {"errors":[{"message":"Cannot query field \\"projects\\" on type \\"Query\\".","locations":[{"line":2,"column":3}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}""");
        answersAsTheGateway("query UnknownArgument {\n  todos(first: 2) {\n    id\n  }\n}\n", Map.of(), """
                {"errors":[{"message":"Unknown argument \\"first\\" on field \\"Query.todos\\". Did you mean \\"limit\\"?","locations":[{"line":2,"column":9}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}""");
        answersAsTheGateway("{ todos { id(x: 1) } }", Map.of(), """
                {"errors":[{"message":"Unknown argument \\"x\\" on field \\"Todo.id\\".","locations":[{"line":1,"column":14}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}""");
    }

    @Test
    void missingArgumentsAndSelections() {
        answersAsTheGateway("{ todo { id } }", Map.of(), """
                {"errors":[{"message":"Field \\"todo\\" argument \\"id\\" of type \\"ID!\\" is required, but it was not provided.","locations":[{"line":1,"column":3}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}""");
        answersAsTheGateway("{ todos }", Map.of(), """
                {"errors":[{"message":"Field \\"todos\\" of type \\"[Todo!]!\\" must have a selection of subfields. Did you mean \\"todos { ... }\\"?","locations":[{"line":1,"column":3}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}""");
    }

    @Test
    void unusedAndUnknownFragmentsAndVariables() {
        answersAsTheGateway("query($x: Int) { me { id } }", Map.of(), """
                {"errors":[{"message":"Variable \\"$x\\" is never used.","locations":[{"line":1,"column":7}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}""");
        answersAsTheGateway("{ me { ...F } }", Map.of(), """
                {"errors":[{"message":"Unknown fragment \\"F\\".","locations":[{"line":1,"column":11}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}""");
        answersAsTheGateway("{ me { id } } fragment F on User { id }", Map.of(), """
                {"errors":[{"message":"Fragment \\"F\\" is never used.","locations":[{"line":1,"column":15}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}""");
    }

    @Test
    void syntaxErrors() {
        answersAsTheGateway("query Broken {\n  todos {\n    id\n", Map.of(), """
                {"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":4,"column":1}],"extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}""");
        answersAsTheGateway("{ me { id } }}", Map.of(), """
                {"errors":[{"message":"Syntax Error: Unexpected \\"}\\".","locations":[{"line":1,"column":14}],"extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}""");
    }

    @Test
    void operationsThatCannotBeChosen() {
        // the gateway answers these with HTTP 500; the router with 400 (the client's mistake), in the same JSON
        answersAsTheGateway("query A { me { id } } query B { me { id } }", Map.of(), """
                {"errors":[{"message":"Must provide operation name if query contains multiple operations.","extensions":{"code":"INVALID_GRAPHQL"}}]}""");
    }
}
