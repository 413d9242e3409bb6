package dev.thestack.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.graphql.RejectedRequestException;
import dev.thestack.services.router.Router;
import java.util.Map;

/**
 * The Java router behind API Gateway's proxy event, as the benchmark serves it until services/router has its own
 * Lambda handler: the body read by the parser every handler shares, the headers passed on, the router's answer
 * turned into the proxy response. The subgraphs it is compared with sit behind the same kind of server.
 */
final class EmbeddedRouterHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final Router router;
    private final ObjectMapper json = new ObjectMapper();
    private final GraphQLRequestParser requestParser = new GraphQLRequestParser(json);

    EmbeddedRouterHandler(Router router) {
        this.router = router;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        GraphQLHttpResponse response;
        try {
            response = router.execute(requestParser.parse(event.getBody(), Boolean.TRUE.equals(event.getIsBase64Encoded())),
                    event.getHeaders() == null ? Map.of() : event.getHeaders());
        } catch (RejectedRequestException e) {
            response = GraphQLHttpResponse.rejected(e);
        }
        return response.toApiGatewayResponse(json);
    }
}
