package dev.thestack.services.todo;

import dev.thestack.services.awslocal.ApiGatewayEvents;
import dev.thestack.services.awslocal.TestLambdaContext;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Builds API Gateway events the way API Gateway would send them and reads the handler's answers. */
final class GraphQLCalls {
    static final ObjectMapper JSON = new ObjectMapper();

    private GraphQLCalls() {
    }

    /** The handler's answer with its body parsed. */
    record Reply(int status, Map<String, String> headers, JsonNode body) {
        JsonNode data() {
            return body.path("data");
        }

        JsonNode firstError() {
            return body.path("errors").path(0);
        }
    }

    /** The user the requests act as unless a test names another. */
    static final String DEFAULT_USER = "user-1";

    /** A POST whose body holds the query and variables, for the tenant (no header when null), as {@link #DEFAULT_USER}. */
    static APIGatewayProxyRequestEvent post(String tenant, String query, Map<String, Object> variables) {
        return post(tenant, DEFAULT_USER, query, variables);
    }

    /** The same as the user (no header when null). */
    static APIGatewayProxyRequestEvent post(String tenant, String user, String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return postRaw(tenant, user, toJson(body));
    }

    static APIGatewayProxyRequestEvent postRaw(String tenant, String body) {
        return postRaw(tenant, DEFAULT_USER, body);
    }

    static APIGatewayProxyRequestEvent postRaw(String tenant, String user, String body) {
        Map<String, String> headers = new HashMap<>();
        if (tenant != null) {
            headers.put(TenantId.HEADER, tenant);
        }
        if (user != null) {
            headers.put(UserId.HEADER, user);
        }
        return ApiGatewayEvents.jsonPost(headers, body);
    }

    static Reply call(TodoHandler handler, APIGatewayProxyRequestEvent event) {
        return read(handler.handleRequest(event, new TestLambdaContext()));
    }

    static Reply call(TodoHandler handler, String tenant, String query, Map<String, Object> variables) {
        return call(handler, post(tenant, query, variables));
    }

    static Reply call(TodoHandler handler, String tenant, String user, String query, Map<String, Object> variables) {
        return call(handler, post(tenant, user, query, variables));
    }

    static Reply read(APIGatewayProxyResponseEvent response) {
        try {
            return new Reply(response.getStatusCode(), response.getHeaders(), JSON.readTree(response.getBody()));
        } catch (JsonProcessingException e) {
            throw new AssertionError("response body is not JSON: " + response.getBody(), e);
        }
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }
}
