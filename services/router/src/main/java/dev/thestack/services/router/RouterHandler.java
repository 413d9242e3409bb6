package dev.thestack.services.router;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.contract.MetricDefinition;
import dev.thestack.services.graphql.GraphQLHandlers;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.graphql.HttpRequirements;
import dev.thestack.services.graphql.RejectedRequestException;
import dev.thestack.services.graphql.SnapStartPriming;
import dev.thestack.services.graphql.RequestHeaders;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.instrumentation.HttpTraceHeaders;
import dev.thestack.services.instrumentation.InvocationAnnotations;
import dev.thestack.services.instrumentation.LambdaAwsClients;
import dev.thestack.services.instrumentation.MetricDimension;
import dev.thestack.services.instrumentation.ServiceMetrics;
import dev.thestack.services.instrumentation.TraceHeader;
import dev.thestack.services.router.supergraph.Supergraph;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.tracing.CaptureMode;
import software.amazon.lambda.powertools.tracing.Tracing;

/**
 * The router's Lambda ({@code dev.thestack.services.router.RouterHandler::handleRequest}) behind API Gateway:
 * GraphQL over HTTP POST of JSON ({@link HttpRequirements}), the tenant header required (every subgraph needs it),
 * the body at most {@value GraphQLRequestParser#MAX_BODY_BYTES} bytes, then the {@link Router} over HTTP to the
 * subgraphs (or Lambda invokes of their functions), with the invocation's trace header so each subgraph's segment
 * is a child of the router's.
 *
 * <p>Environment: {@value SubgraphEndpoints#ENV_URL_PREFIX}NAME for every subgraph of the supergraph, an http(s)
 * URL or {@code lambda:FUNCTION} (required: {@code SUBGRAPH_URL_TODO}, {@code SUBGRAPH_URL_MEDIA}), the waits of
 * {@link FetchTimeouts} ({@value FetchTimeouts#ENV_FETCH_TIMEOUT_MS}, default 5000, and
 * {@value FetchTimeouts#ENV_SUBGRAPH_TIMEOUT_PREFIX}NAME per subgraph), {@code STACK_ENVIRONMENT} (default
 * {@value #DEFAULT_ENVIRONMENT};
 * introspection is on everywhere but {@value #PRODUCTION}), and Powertools' {@code POWERTOOLS_SERVICE_NAME}
 * (default {@value #DEFAULT_SERVICE}).
 *
 * <p>Metrics per the contract: OperationLatency and OperationErrors per operation, SubgraphLatency and
 * SubgraphErrors per subgraph, QueryPlanCacheMisses, GraphQLErrors and GraphQLClientErrors.
 */
public final class RouterHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    public static final String DEFAULT_ENVIRONMENT = "dev";
    public static final String DEFAULT_SERVICE = "router";
    public static final String PRODUCTION = "prod";
    /** Optional: another Lambda API endpoint (a local server) for the {@code lambda:} subgraphs. */
    public static final String ENV_LAMBDA_ENDPOINT = "LAMBDA_ENDPOINT";

    private static final Logger LOG = LogManager.getLogger(RouterHandler.class);

    private final Router router;
    private final ServiceMetrics metrics;
    private final GraphQLRequestParser requestParser;
    private final ObjectMapper json = new ObjectMapper();
    // held so the CRaC context, which keeps its resources weakly, does not lose the hook
    private final RouterPriming priming;

    /** The Lambda runtime's constructor: one router (supergraph, plan cache, HTTP client) per execution environment. */
    public RouterHandler() {
        this(System.getenv());
    }

    /** For hosts that run the handler outside Lambda (tests, benchmarks): the environment as a map. */
    public RouterHandler(Map<String, String> environment) {
        Supergraph supergraph = Supergraph.fromClasspath();
        String environmentName = environment.getOrDefault(MetricContract.ENV_ENVIRONMENT, DEFAULT_ENVIRONMENT);
        FetchTimeouts timeouts = FetchTimeouts.fromEnvironment(supergraph.subgraphs(), environment);
        this.metrics = new ServiceMetrics(environment.getOrDefault(MetricContract.ENV_SERVICE_NAME, DEFAULT_SERVICE),
                environmentName);
        this.router = Router.builder()
                .supergraph(supergraph)
                .transport(SubgraphEndpoints.transport(
                        SubgraphEndpoints.fromEnvironment(supergraph.subgraphs(), environment), timeouts,
                        () -> lambdaClient(environment)))
                .fetchTimeouts(timeouts)
                .introspection(!PRODUCTION.equals(environmentName))
                .metrics(new ContractMetrics(metrics))
                .build();
        this.requestParser = new GraphQLRequestParser(json);
        this.priming = SnapStartPriming.register(new RouterPriming(supergraph, requestParser, json), environment);
    }

    @Override
    // No correlationIdPath (GraphQLHandlers.correlate says why)
    @Logging(logEvent = false, clearState = true)
    // Powertools would otherwise copy every response into the trace
    @Tracing(captureMode = CaptureMode.DISABLED)
    @Metrics(namespace = MetricContract.NAMESPACE, captureColdStart = true)
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        GraphQLHandlers.correlate(event);
        GraphQLHttpResponse response = serve(event);
        return GraphQLHandlers.answer(response, metrics, LOG, json);
    }

    private GraphQLHttpResponse serve(APIGatewayProxyRequestEvent event) {
        try {
            if (event == null) {
                throw new RejectedRequestException("The invocation has no event; send an API Gateway proxy event");
            }
            RequestHeaders headers = RequestHeaders.of(event);
            HttpRequirements.check(event.getHttpMethod(), headers);
            InvocationAnnotations.tenant(TenantId.fromHeaders(headers).value());
            GraphQLRequest request = requestParser.parse(event.getBody(), Boolean.TRUE.equals(event.getIsBase64Encoded()));
            if (request.operationName() != null) {
                InvocationAnnotations.operation(request.operationName());
            }
            return router.execute(request, forwarded(headers));
        } catch (RejectedRequestException e) {
            return GraphQLHttpResponse.rejected(e);
        } catch (RuntimeException e) {
            LOG.error("GraphQL request failed", e);
            return GraphQLHttpResponse.internalError();
        }
    }

    /**
     * The headers the router forwards, read once (a header given twice with different values is refused here), and
     * the trace header of this invocation in place of the caller's, so the subgraphs' segments hang below the
     * router's; outside a trace the caller's passes on as it came.
     */
    private static Map<String, String> forwarded(RequestHeaders headers) {
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (String name : Router.FORWARDED_HEADERS) {
            headers.value(name).ifPresent(value -> forwarded.put(name, value));
        }
        return TraceHeader.current().map(trace -> HttpTraceHeaders.with(forwarded, trace)).orElse(forwarded);
    }

    /**
     * Built as every handler builds its clients ({@link LambdaAwsClients}): Lambda's region and the function's
     * credentials, and every invoke of a subgraph an X-Ray subsegment of the request, which the subgraph's own
     * segment then continues; {@value #ENV_LAMBDA_ENDPOINT} points it at a local Lambda API instead.
     */
    private static LambdaClient lambdaClient(Map<String, String> environment) {
        return LambdaAwsClients.configure(LambdaClient.builder(), environment, ENV_LAMBDA_ENDPOINT).build();
    }

    /** The router's measurements as the metric contract names them. */
    private record ContractMetrics(ServiceMetrics metrics) implements RouterMetrics {
        @Override
        public void operation(String operationName, long nanos, boolean failed) {
            emit(MetricContract.OPERATION_LATENCY, MetricContract.OPERATION_ERRORS,
                    MetricDimension.operation(operationName), nanos, failed);
        }

        @Override
        public void subgraphFetch(String subgraph, long nanos, boolean failed) {
            emit(MetricContract.SUBGRAPH_LATENCY, MetricContract.SUBGRAPH_ERRORS, MetricDimension.subgraph(subgraph),
                    nanos, failed);
        }

        private void emit(MetricDefinition latency, MetricDefinition errors, MetricDimension dimension, long nanos,
                            boolean failed) {
            metrics.latency(latency, Duration.ofNanos(nanos), dimension);
            if (failed) {
                metrics.count(errors, dimension);
            }
        }

        @Override
        public void planCacheMiss() {
            metrics.count(MetricContract.QUERY_PLAN_CACHE_MISSES);
        }
    }
}
