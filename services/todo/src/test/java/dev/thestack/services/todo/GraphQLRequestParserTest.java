package dev.thestack.services.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphQLRequestParserTest {
    private final GraphQLRequestParser parser = new GraphQLRequestParser(new ObjectMapper());

    @Test
    void readsQueryVariablesAndOperationName() {
        GraphQLRequest request = parser.parse(
                "{\"query\": \"query Q($n: Int) { todos(limit: $n) { id } }\", \"variables\": {\"n\": 3},"
                        + " \"operationName\": \"Q\", \"extensions\": {}}", false);

        assertThat(request.query()).startsWith("query Q");
        assertThat(request.variables()).isEqualTo(Map.of("n", 3));
        assertThat(request.operationName()).isEqualTo("Q");
    }

    @Test
    void absentOrNullVariablesAndOperationNameAreEmpty() {
        GraphQLRequest request = parser.parse("{\"query\": \"{ todos { id } }\", \"variables\": null}", false);

        assertThat(request.variables()).isEmpty();
        assertThat(request.operationName()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                        | Request body is empty; expected a JSON object with a \"query\" string",
            "'[1, 2]'                                  | Request body must be a JSON object with a \"query\" string",
            "'{\"query\": 42}'                         | \"query\" must be a string holding the GraphQL document",
            "'{\"query\": \"  \"}'                     | \"query\" is blank; send the GraphQL document as a string",
            "'{\"query\": \"{a}\", \"variables\": [1]}'  | \"variables\" must be a JSON object mapping variable names to values",
            "'{\"query\": \"{a}\", \"operationName\": 1}' | \"operationName\" must be a string or null",
    })
    void refusalsNameWhatIsWrong(String body, String message) {
        assertThatThrownBy(() -> parser.parse(body, false))
                .isInstanceOf(BadRequestException.class)
                .hasMessage(message);
    }

    @Test
    void invalidBase64IsRefused() {
        assertThatThrownBy(() -> parser.parse("not base64!", true))
                .hasMessage("Request body is marked base64-encoded but is not valid base64");
    }
}
