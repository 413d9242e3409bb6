package dev.thestack.services.todo;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GraphQL-over-HTTP response: status and a spec-shaped JSON body ({@code data} and/or {@code errors}).
 *
 * @param body the JSON body as maps and lists
 */
public record GraphQLHttpResponse(int statusCode, Map<String, Object> body) {
    public static final String CONTENT_TYPE = "application/json";

    /**
     * 200 once execution has started, even with errors (they are partial results); 400 when the document could
     * not be parsed or validated, or its variables did not fit, so nothing ran.
     */
    public static GraphQLHttpResponse of(ExecutionResult result) {
        Map<String, Object> body = new LinkedHashMap<>(result.toSpecification());
        if (body.get("errors") instanceof List<?> errors) {
            body.put("errors", errors.stream().map(GraphQLHttpResponse::withClientMessage).toList());
        }
        return new GraphQLHttpResponse(result.isDataPresent() ? 200 : 400, body);
    }

    private static Object withClientMessage(Object error) {
        if (!(error instanceof Map<?, ?> fields) || !(fields.get("message") instanceof String message)) {
            return error;
        }
        Map<Object, Object> rewritten = new LinkedHashMap<>(fields);
        rewritten.put("message", ClientErrorMessages.forClients(message));
        return rewritten;
    }

    public static GraphQLHttpResponse badRequest(String message) {
        return error(400, message);
    }

    public static GraphQLHttpResponse internalError() {
        return error(500, SafeDataFetcherExceptionHandler.INTERNAL_ERROR_MESSAGE);
    }

    private static GraphQLHttpResponse error(int statusCode, String message) {
        return new GraphQLHttpResponse(statusCode, Map.of("errors", List.of(Map.of("message", message))));
    }

    public boolean hasErrors() {
        return body.get("errors") instanceof List<?> errors && !errors.isEmpty();
    }

    public APIGatewayProxyResponseEvent toApiGatewayResponse(ObjectMapper json) {
        try {
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(statusCode)
                    .withHeaders(Map.of("Content-Type", CONTENT_TYPE))
                    .withBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the GraphQL response as JSON", e);
        }
    }
}
