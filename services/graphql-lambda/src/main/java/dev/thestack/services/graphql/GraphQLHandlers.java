package dev.thestack.services.graphql;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.instrumentation.ServiceMetrics;
import java.util.Map;
import org.apache.logging.log4j.Logger;
import software.amazon.lambda.powertools.logging.LoggingUtils;

/**
 * The first and the last step of every GraphQL handler's {@code handleRequest} (the subgraphs' and the router's).
 * The method itself stays in each handler: AspectJ weaves Powertools' {@code @Logging}, {@code @Tracing} and
 * {@code @Metrics} into the annotated method of the handler's own class.
 */
public final class GraphQLHandlers {
    private GraphQLHandlers() {
    }

    /**
     * API Gateway's request id as Powertools' correlation id in every log line. Read here, not with
     * {@code @Logging(correlationIdPath = ...)}: Powertools would copy the whole event, body included, into a JSON
     * tree on every call to read one field.
     */
    public static void correlate(APIGatewayProxyRequestEvent event) {
        if (event != null && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            LoggingUtils.setCorrelationId(event.getRequestContext().getRequestId());
        }
    }

    /** The answer for API Gateway, once its server and client errors are counted and its status is logged. */
    public static APIGatewayProxyResponseEvent answer(GraphQLHttpResponse response, ServiceMetrics metrics, Logger log,
                                                      ObjectMapper json) {
        if (response.hasServerErrors()) {
            metrics.count(MetricContract.GRAPHQL_ERRORS);
        }
        if (response.hasClientErrors()) {
            metrics.count(MetricContract.GRAPHQL_CLIENT_ERRORS);
        }
        log.info("GraphQL request answered with HTTP {}", response.statusCode());
        return response.toApiGatewayResponse(json);
    }

    /** A variable the function cannot start without (its CDK construct sets it); blank counts as missing. */
    public static String requiredVariable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value;
    }
}
