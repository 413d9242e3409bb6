package dev.thestack.services.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
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
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage(message);
    }

    @Test
    void contentAfterTheJsonObjectIsRefused() {
        String body = "{\"query\": \"{a}\"}";

        assertThatThrownBy(() -> parser.parse(body + " xyz", false))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("Request body is not valid JSON (line 1, column 18)");
        assertThatThrownBy(() -> parser.parse(body + " {}", false))
                .hasMessage("Request body is not valid JSON (line 1, column 18)");
        assertThatThrownBy(() -> parser.parse(body + "\n[1]", false))
                .hasMessage("Request body is not valid JSON (line 2, column 1)");
        assertThat(parser.parse(body + " \r\n\t", false).query()).isEqualTo("{a}");
    }

    @Test
    void bodyIsLimitedInBytesOfUtf8() {
        String query = "{\"query\": \"{a}\"}";
        String atLimit = query + " ".repeat(GraphQLRequestParser.MAX_BODY_BYTES - query.length());
        // as many characters, but one of them takes two bytes
        String oneByteOver = query.replace("{a}", "{\u00e9}") + " ".repeat(GraphQLRequestParser.MAX_BODY_BYTES - query.length());

        assertThat(parser.parse(atLimit, false).query()).isEqualTo("{a}");
        assertThat(oneByteOver).hasSize(atLimit.length());
        assertThatThrownBy(() -> parser.parse(oneByteOver, false))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("Request body is larger than 262144 bytes, the most this API accepts")
                .extracting(rejected -> ((RejectedRequestException) rejected).statusCode()).isEqualTo(413);
        assertThatThrownBy(() -> parser.parse(atLimit + atLimit, false))
                .hasMessageStartingWith("Request body is larger than");
    }

    @Test
    void base64BodyIsLimitedByItsDecodedSize() {
        String query = "{\"query\": \"{a}\"}";
        String atLimit = query + " ".repeat(GraphQLRequestParser.MAX_BODY_BYTES - query.length());

        // the encoded text is a third longer than the limit, what it decodes to is not
        String encoded = base64(atLimit);
        assertThat(encoded.length()).isGreaterThan(GraphQLRequestParser.MAX_BODY_BYTES);
        assertThat(parser.parse(encoded, true).query()).isEqualTo("{a}");
        for (String over : List.of(atLimit + " ", atLimit + "  ", atLimit + "   ", atLimit + " ".repeat(1000))) {
            assertThatThrownBy(() -> parser.parse(base64(over), true))
                    .hasMessage("Request body is larger than 262144 bytes, the most this API accepts");
        }
    }

    @Test
    void invalidBase64IsRefused() {
        assertThatThrownBy(() -> parser.parse("not base64!", true))
                .hasMessage("Request body is marked base64-encoded but is not valid base64");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
