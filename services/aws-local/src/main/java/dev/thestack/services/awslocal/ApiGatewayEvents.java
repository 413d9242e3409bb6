package dev.thestack.services.awslocal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** API Gateway proxy events as API Gateway hands them to a function, for tests that call a handler directly. */
public final class ApiGatewayEvents {
    private ApiGatewayEvents() {
    }

    /** A POST of JSON to /graphql with these headers (Content-Type added) and a fresh request id. */
    public static APIGatewayProxyRequestEvent jsonPost(Map<String, String> headers, String body) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/json");
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withPath("/graphql")
                .withHeaders(all)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId(UUID.randomUUID().toString()));
    }
}
