package dev.thestack.services.graphql;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A GraphQL-over-HTTP response: status, headers beyond the content type, and a spec-shaped JSON body
 * ({@code data} and/or {@code errors}).
 *
 * @param body the JSON body as maps and lists
 */
public record GraphQLHttpResponse(int statusCode, Map<String, String> headers, Map<String, Object> body) {
    public static final String CONTENT_TYPE = "application/json";

    public GraphQLHttpResponse {
        headers = Map.copyOf(headers);
    }

    /**
     * 200 once execution has started, even with errors (they are partial results); 400 when the document could
     * not be parsed or validated, its variables did not fit, or it exceeded a {@link QueryLimits limit}, so
     * nothing ran.
     */
    public static GraphQLHttpResponse of(ExecutionResult result) {
        Map<String, Object> body = new LinkedHashMap<>(result.toSpecification());
        if (body.get("errors") instanceof List<?> errors) {
            body.put("errors", errors.stream().map(GraphQLHttpResponse::withClientMessage).toList());
        }
        return new GraphQLHttpResponse(result.isDataPresent() ? 200 : 400, Map.of(), body);
    }

    private static Object withClientMessage(Object error) {
        if (!(error instanceof Map<?, ?> fields) || !(fields.get("message") instanceof String message)) {
            return error;
        }
        Map<Object, Object> rewritten = new LinkedHashMap<>(fields);
        rewritten.put("message", ClientErrorMessages.forClients(message));
        return rewritten;
    }

    public static GraphQLHttpResponse rejected(RejectedRequestException rejection) {
        return error(rejection.statusCode(), rejection.headers(), rejection.getMessage());
    }

    public static GraphQLHttpResponse internalError() {
        return error(500, Map.of(), SafeDataFetcherExceptionHandler.INTERNAL_ERROR_MESSAGE);
    }

    private static GraphQLHttpResponse error(int statusCode, Map<String, String> headers, String message) {
        return new GraphQLHttpResponse(statusCode, headers, Map.of("errors", List.of(Map.of("message", message))));
    }

    /**
     * The client is to blame: the request was refused before it ran (4xx), or a resolver refused an argument
     * ({@value SafeDataFetcherExceptionHandler#BAD_USER_INPUT}).
     */
    public boolean hasClientErrors() {
        return isClientStatus() || (isSuccessStatus() && errors().anyMatch(GraphQLHttpResponse::isBadUserInput));
    }

    /**
     * The service is to blame: it failed the request (5xx), or an error of a request that ran is not one the
     * client caused. An error of unknown kind counts here, so that a new kind of failure is alarmed on rather
     * than passed off as the client's.
     */
    public boolean hasServerErrors() {
        return statusCode >= 500 || (isSuccessStatus() && errors().anyMatch(error -> !isBadUserInput(error)));
    }

    private boolean isClientStatus() {
        return statusCode >= 400 && statusCode < 500;
    }

    private boolean isSuccessStatus() {
        return statusCode < 400;
    }

    private Stream<?> errors() {
        return body.get("errors") instanceof List<?> errors ? errors.stream() : Stream.empty();
    }

    private static boolean isBadUserInput(Object error) {
        return error instanceof Map<?, ?> fields
                && fields.get("extensions") instanceof Map<?, ?> extensions
                && SafeDataFetcherExceptionHandler.BAD_USER_INPUT.equals(extensions.get("code"));
    }

    public APIGatewayProxyResponseEvent toApiGatewayResponse(ObjectMapper json) {
        Map<String, String> allHeaders = new LinkedHashMap<>(headers);
        allHeaders.put("Content-Type", CONTENT_TYPE);
        try {
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(statusCode)
                    .withHeaders(allHeaders)
                    .withBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the GraphQL response as JSON", e);
        }
    }
}
