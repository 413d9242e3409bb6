package dev.thestack.services.graphql;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.function.Consumer;
import org.apache.logging.log4j.Logger;

/**
 * What every subgraph's Lambda does with an API Gateway event around its own GraphQL engine: the HTTP checks
 * ({@link HttpRequirements}), the tenant from its required header, the body parsed within
 * {@value GraphQLRequestParser#MAX_BODY_BYTES} bytes, and a GraphQL-over-HTTP answer whatever happens: a refusal
 * names what to fix, any other failure is logged and answered without internals.
 *
 * @param tenantNoted    told the tenant once it is known, before the body is read (the handler's log keys and
 *                       trace annotations)
 * @param operationNoted told the label of the operation that ran
 * @param log            the handler's logger, so that a failure is logged under the handler's name
 */
public record SubgraphInvocation(GraphQLRequestParser requestParser, Consumer<String> tenantNoted,
                                 Consumer<String> operationNoted, Logger log) {
    /** How the handler runs an admitted request; errors come back in the result, never as exceptions. */
    @FunctionalInterface
    public interface Execution {
        ExecutedRequest execute(GraphQLRequest request, TenantId tenant, RequestHeaders headers);
    }

    public GraphQLHttpResponse serve(APIGatewayProxyRequestEvent event, Execution execution) {
        try {
            if (event == null) {
                throw new RejectedRequestException("The invocation has no event; send an API Gateway proxy event");
            }
            RequestHeaders headers = RequestHeaders.of(event);
            HttpRequirements.check(event.getHttpMethod(), headers);
            TenantId tenant = TenantId.fromHeaders(headers);
            tenantNoted.accept(tenant.value());
            GraphQLRequest request = requestParser.parse(event.getBody(), Boolean.TRUE.equals(event.getIsBase64Encoded()));
            ExecutedRequest executed = execution.execute(request, tenant, headers);
            operationNoted.accept(executed.operationLabel());
            return GraphQLHttpResponse.of(executed.result());
        } catch (RejectedRequestException e) {
            return GraphQLHttpResponse.rejected(e);
        } catch (RuntimeException e) {
            log.error("GraphQL request failed", e);
            return GraphQLHttpResponse.internalError();
        }
    }
}
