package dev.thestack.services.graphql;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Reads the body of a GraphQL-over-HTTP POST: {@code {"query": ..., "variables": {...}, "operationName": ...}}.
 * Every refusal is a {@link RejectedRequestException} whose message names the member at fault; parser messages are
 * not passed on, since they can quote Java types.
 */
public final class GraphQLRequestParser {
    /**
     * Far above any real request (a todo title is at most 500 characters; a router's batch of a thousand entity
     * representations is about 60 KB), far below what it takes to keep the function busy parsing.
     */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    private static final int PAYLOAD_TOO_LARGE = 413;

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final ObjectMapper json;
    // a body is one JSON value: what follows it would be read by nothing, or by a proxy differently than here
    private final ObjectReader reader;

    public GraphQLRequestParser(ObjectMapper json) {
        this.json = json;
        this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public GraphQLRequest parse(String body, boolean base64Encoded) {
        JsonNode root = readJson(base64Encoded ? decodeBase64(body) : withinLimit(body));
        if (!root.isObject()) {
            throw new RejectedRequestException("Request body must be a JSON object with a \"query\" string");
        }
        return new GraphQLRequest(query(root), variables(root), operationName(root));
    }

    private JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            throw new RejectedRequestException("Request body is empty; expected a JSON object with a \"query\" string");
        }
        try {
            return reader.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new RejectedRequestException(at == null
                    ? "Request body is not valid JSON"
                    : "Request body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
    }

    /** Measured in bytes of UTF-8, as the body came over the wire. */
    private static String withinLimit(String body) {
        // a character is at least one byte, so the length alone refuses most large bodies without encoding them
        if (body != null && (body.length() > MAX_BODY_BYTES
                || body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES)) {
            throw tooLarge();
        }
        return body;
    }

    /** The limit is on the decoded body, which is what the client sent. */
    private static String decodeBase64(String body) {
        if (body == null) {
            return null;
        }
        // every 4 characters decode to 3 bytes (less up to 2 of padding): a longer text cannot fit the limit
        if (body.length() / 4 * 3 - 2 > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new RejectedRequestException("Request body is marked base64-encoded but is not valid base64");
        }
        if (decoded.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return new String(decoded, StandardCharsets.UTF_8);
    }

    private static RejectedRequestException tooLarge() {
        return new RejectedRequestException(PAYLOAD_TOO_LARGE,
                "Request body is larger than " + MAX_BODY_BYTES + " bytes, the most this API accepts");
    }

    private static String query(JsonNode root) {
        JsonNode query = root.get("query");
        if (query == null || query.isNull()) {
            throw new RejectedRequestException("Request body has no \"query\"; send the GraphQL document as a string");
        }
        if (!query.isTextual()) {
            throw new RejectedRequestException("\"query\" must be a string holding the GraphQL document");
        }
        if (query.textValue().isBlank()) {
            throw new RejectedRequestException("\"query\" is blank; send the GraphQL document as a string");
        }
        return query.textValue();
    }

    private Map<String, Object> variables(JsonNode root) {
        JsonNode variables = root.get("variables");
        if (variables == null || variables.isNull()) {
            return Map.of();
        }
        if (!variables.isObject()) {
            throw new RejectedRequestException("\"variables\" must be a JSON object mapping variable names to values");
        }
        return json.convertValue(variables, JSON_OBJECT);
    }

    private static String operationName(JsonNode root) {
        JsonNode operationName = root.get("operationName");
        if (operationName == null || operationName.isNull()) {
            return null;
        }
        if (!operationName.isTextual()) {
            throw new RejectedRequestException("\"operationName\" must be a string or null");
        }
        return operationName.textValue();
    }
}
