package dev.thestack.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/** Organizations counts a policy's size in characters of the document as uploaded: the minified JSON. */
final class PolicySize {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicySize() {
    }

    static int of(Map<String, Object> document) {
        try {
            return JSON.writeValueAsString(document).length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a policy document that is not JSON: " + document, e);
        }
    }
}
