package dev.thestack.services.graphql;

import java.util.Map;

/**
 * The HTTP request cannot be run as a GraphQL request at all, so nothing ran: HTTP 400 unless a more precise
 * status applies (405, 413, 415). The message goes to the client as it is, so it must name what is wrong.
 */
public final class RejectedRequestException extends RuntimeException {
    private static final int BAD_REQUEST = 400;

    private final int statusCode;
    private final Map<String, String> headers;

    public RejectedRequestException(String message) {
        this(BAD_REQUEST, message, Map.of());
    }

    public RejectedRequestException(int statusCode, String message) {
        this(statusCode, message, Map.of());
    }

    /** @param headers response headers the status calls for, such as {@code Allow} with 405 */
    public RejectedRequestException(int statusCode, String message, Map<String, String> headers) {
        // the client's mistake, not the service's: a stack trace would only cost time
        super(message, null, false, false);
        this.statusCode = statusCode;
        this.headers = Map.copyOf(headers);
    }

    public int statusCode() {
        return statusCode;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
