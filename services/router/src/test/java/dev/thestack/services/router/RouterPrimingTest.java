package dev.thestack.services.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.router.supergraph.Supergraph;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterPrimingTest {
    @Test
    void thePrimingOperationRunsTheWholePathOnCannedSubgraphAnswers() {
        ObjectMapper json = new ObjectMapper();
        RouterPriming priming = new RouterPriming(Supergraph.fromClasspath(), new GraphQLRequestParser(json), json);

        GraphQLHttpResponse response = priming.prime();

        // planned as a Todo fetch and a Media entity fetch with done in the representation, shaped to the operation
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Map.of("data", Map.of("todos", List.of(Map.of(
                "id", "priming", "title", "Priming", "canAttach", true, "attachments", List.of())))));
    }
}
