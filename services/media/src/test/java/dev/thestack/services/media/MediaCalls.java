package dev.thestack.services.media;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.awslocal.ApiGatewayEvents;
import dev.thestack.services.awslocal.TestLambdaContext;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** API Gateway events for the Media handler, as API Gateway sends them, and its answers parsed. */
final class MediaCalls {
    static final ObjectMapper JSON = new ObjectMapper();

    private MediaCalls() {
    }

    record Reply(int status, JsonNode body) {
        JsonNode data() {
            return body.path("data");
        }

        JsonNode firstError() {
            return body.path("errors").path(0);
        }
    }

    /** A POST for the tenant as the user; no such header where either is null. */
    static APIGatewayProxyRequestEvent post(String tenant, String user, String query, Map<String, Object> variables) {
        Map<String, String> headers = new HashMap<>();
        if (tenant != null) {
            headers.put(TenantId.HEADER, tenant);
        }
        if (user != null) {
            headers.put(UserId.HEADER, user);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        try {
            return ApiGatewayEvents.jsonPost(headers, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reply call(MediaHandler handler, APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, new TestLambdaContext());
        try {
            return new Reply(response.getStatusCode(), JSON.readTree(response.getBody()));
        } catch (JsonProcessingException e) {
            throw new AssertionError("response body is not JSON: " + response.getBody(), e);
        }
    }

    static Reply call(MediaHandler handler, String tenant, String user, String query, Map<String, Object> variables) {
        return call(handler, post(tenant, user, query, variables));
    }
}
