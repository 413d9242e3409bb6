package dev.thestack.services.graphql;

import java.util.Locale;
import java.util.Map;

/**
 * What an HTTP request must be before its body is read: a POST with a JSON body. A browser sends a GET, or a
 * POST of {@code text/plain}, to any site without asking it first (a "simple" request), so accepting either
 * would let any web page run mutations with the credentials of whoever visits it. A browser asks first (CORS
 * preflight) before it sends a JSON POST to another origin, and the API in front of the function can say no.
 *
 * <p>An event without an HTTP method did not come through API Gateway but from a direct invoke (the router in
 * the same account), which no browser can make: it is accepted without a method, and without a content type,
 * though a content type it does give must still be JSON.
 */
public final class HttpRequirements {
    private static final String METHOD = "POST";
    private static final String CONTENT_TYPE_HEADER = "Content-Type";
    private static final String JSON = "application/json";
    private static final String UTF_8 = "utf-8";

    private HttpRequirements() {
    }

    /** Refuses the request with 405 (wrong method) or 415 (not JSON), or lets it pass. */
    public static void check(String httpMethod, RequestHeaders headers) {
        boolean throughApiGateway = httpMethod != null;
        if (throughApiGateway && !METHOD.equals(httpMethod)) {
            throw new RejectedRequestException(405,
                    "HTTP method " + httpMethod + " is not allowed; send GraphQL requests as POST",
                    Map.of("Allow", METHOD));
        }
        headers.value(CONTENT_TYPE_HEADER).ifPresentOrElse(HttpRequirements::checkJson, () -> {
            if (throughApiGateway) {
                throw unsupported("Header Content-Type is missing");
            }
        });
    }

    /** {@code application/json}, optionally with {@code charset=utf-8}: the only encoding JSON may have (RFC 8259). */
    private static void checkJson(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase(JSON)) {
            throw unsupported("Content-Type " + contentType + " is not supported");
        }
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                continue;
            }
            String[] parameter = parts[i].split("=", 2);
            String name = parameter[0].strip().toLowerCase(Locale.ROOT);
            String value = parameter.length == 2 ? parameter[1].strip().replace("\"", "") : "";
            if (!name.equals("charset") || !value.equalsIgnoreCase(UTF_8)) {
                throw unsupported("Content-Type parameter " + parts[i].strip() + " is not supported");
            }
        }
    }

    private static RejectedRequestException unsupported(String problem) {
        return new RejectedRequestException(415, problem + "; send the body as " + JSON + " (charset utf-8)");
    }
}
