package dev.thestack.services.awslocal.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

/**
 * Answers with what the runtime gave it: the body, the request id and the trace header of the invocation, and where
 * its own class was loaded from.
 */
public final class EchoHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(200)
                .withBody(event.getBody() + "|" + context.getAwsRequestId() + "|"
                        + System.getProperty("com.amazonaws.xray.traceHeader") + "|"
                        + getClass().getProtectionDomain().getCodeSource().getLocation());
    }
}
