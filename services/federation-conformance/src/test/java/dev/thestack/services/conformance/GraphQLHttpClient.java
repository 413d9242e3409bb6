package dev.thestack.services.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** POSTs GraphQL requests as JSON, as any client of the API would, and reads the answers. */
final class GraphQLHttpClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** An HTTP answer: its status and its body as JSON (a body that is not JSON fails the test that sent it). */
    record Answer(int status, JsonNode body) {
        JsonNode data() {
            return body.path("data");
        }

        JsonNode errors() {
            return body.path("errors");
        }

        /** Status and body, as the comparison sees them. */
        JsonNode asJson() {
            return JSON.createObjectNode().put("status", status).set("body", body);
        }
    }

    Answer post(URI endpoint, String query, Map<String, Object> variables, String operationName,
                Map<String, String> headers) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", query);
        if (variables != null) {
            request.put("variables", variables);
        }
        if (operationName != null) {
            request.put("operationName", operationName);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(toJson(request)));
        headers.forEach(builder::header);
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + endpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during POST " + endpoint, e);
        }
        try {
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (JsonProcessingException e) {
            throw new AssertionError(endpoint + " answered HTTP " + response.statusCode()
                    + " with a body that is not JSON: " + response.body(), e);
        }
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
