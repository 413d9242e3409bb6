package dev.thestack.services.todo;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Reads the body of a GraphQL-over-HTTP POST: {@code {"query": ..., "variables": {...}, "operationName": ...}}.
 * Every refusal is a {@link BadRequestException} whose message names the member at fault; parser messages are
 * not passed on, since they can quote Java types.
 */
public final class GraphQLRequestParser {
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public GraphQLRequestParser(ObjectMapper json) {
        this.json = json;
    }

    public GraphQLRequest parse(String body, boolean base64Encoded) {
        JsonNode root = readJson(base64Encoded ? decodeBase64(body) : body);
        if (!root.isObject()) {
            throw new BadRequestException("Request body must be a JSON object with a \"query\" string");
        }
        return new GraphQLRequest(query(root), variables(root), operationName(root));
    }

    private JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("Request body is empty; expected a JSON object with a \"query\" string");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadRequestException(at == null
                    ? "Request body is not valid JSON"
                    : "Request body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
    }

    private static String decodeBase64(String body) {
        try {
            return body == null ? null : new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Request body is marked base64-encoded but is not valid base64");
        }
    }

    private static String query(JsonNode root) {
        JsonNode query = root.get("query");
        if (query == null || query.isNull()) {
            throw new BadRequestException("Request body has no \"query\"; send the GraphQL document as a string");
        }
        if (!query.isTextual()) {
            throw new BadRequestException("\"query\" must be a string holding the GraphQL document");
        }
        if (query.textValue().isBlank()) {
            throw new BadRequestException("\"query\" is blank; send the GraphQL document as a string");
        }
        return query.textValue();
    }

    private Map<String, Object> variables(JsonNode root) {
        JsonNode variables = root.get("variables");
        if (variables == null || variables.isNull()) {
            return Map.of();
        }
        if (!variables.isObject()) {
            throw new BadRequestException("\"variables\" must be a JSON object mapping variable names to values");
        }
        return json.convertValue(variables, JSON_OBJECT);
    }

    private static String operationName(JsonNode root) {
        JsonNode operationName = root.get("operationName");
        if (operationName == null || operationName.isNull()) {
            return null;
        }
        if (!operationName.isTextual()) {
            throw new BadRequestException("\"operationName\" must be a string or null");
        }
        return operationName.textValue();
    }
}
