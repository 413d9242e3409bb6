package dev.thestack.services.constructs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * The federation router: a Java Lambda that plans each GraphQL operation from the supergraph built into its jar
 * and invokes the subgraph functions directly ({@code SUBGRAPH_URL_<NAME>=lambda:<function ARN>}, read by the
 * router's SubgraphEndpoints). Its role may write its own log group, X-Ray, and invoke exactly those functions.
 *
 * <p>It has no public endpoint yet: callers invoke the function directly with an API Gateway proxy event (a
 * {@code POST} of GraphQL JSON with an {@code x-tenant-id} header). CloudFront, WAF, API Gateway and the Lambda
 * authorizer in front of it belong to the authorizer's issue.
 */
public final class RouterService extends Construct {
    public static final String SERVICE_NAME = "router";
    public static final String HANDLER = "dev.thestack.services.router.RouterHandler::handleRequest";
    /** The router's variable naming a subgraph's endpoint: this prefix and the subgraph's name in upper case. */
    public static final String SUBGRAPH_URL_PREFIX = "SUBGRAPH_URL_";
    /** Memory unless {@link ServiceProps#memorySizeMb()} says otherwise. */
    public static final int DEFAULT_MEMORY_MB = 1024;
    /** The router's variable giving how long it waits for a subgraph, in milliseconds: this prefix and the name. */
    public static final String SUBGRAPH_TIMEOUT_PREFIX = "SUBGRAPH_TIMEOUT_MS_";
    /** Twice this is Lambda's limit of 900 s. */
    public static final int MAX_SUBGRAPH_TIMEOUT_SECONDS = 450;
    private static final int MIN_TIMEOUT_SECONDS = 30;

    private final Function function;
    private final Alias alias;

    public RouterService(Construct scope, String id, RouterServiceProps props) {
        super(scope, id);
        Map<String, String> endpoints = new TreeMap<>();
        props.subgraphs().forEach((name, subgraph) -> {
            endpoints.put(subgraphUrlVariable(name), "lambda:" + subgraph.function().getFunctionArn());
            endpoints.put(SUBGRAPH_TIMEOUT_PREFIX + name.toUpperCase(Locale.ROOT),
                    String.valueOf(subgraph.timeoutSeconds() * 1000L));
        });
        // a plan may wait for several fetches one after another (entities after root fields, mutations in order)
        int longestWait = props.subgraphs().values().stream()
                .mapToInt(RouterServiceProps.Subgraph::timeoutSeconds).max().orElseThrow();
        ServiceFunctions.Deployed deployed = ServiceFunctions.deploy(this, new ServiceFunctions.Spec(SERVICE_NAME,
                "GraphQL federation router", HANDLER, DEFAULT_MEMORY_MB, Math.max(MIN_TIMEOUT_SECONDS, 2 * longestWait),
                "Federation router: its own log group, X-Ray, and invoking its subgraphs' functions"), props.service(),
                endpoints);
        this.function = deployed.function();
        this.alias = deployed.alias();
        deployed.role().addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("lambda:InvokeFunction"))
                // the ARNs as given (a function's, or an alias's): no version wildcard, so nothing else is invocable
                .resources(props.subgraphs().values().stream()
                        .map(subgraph -> subgraph.function().getFunctionArn()).toList())
                .build());
    }

    /** SUBGRAPH_URL_TODO for the subgraph "todo". */
    public static String subgraphUrlVariable(String subgraph) {
        return SUBGRAPH_URL_PREFIX + subgraph.toUpperCase(Locale.ROOT);
    }

    public Function function() {
        return function;
    }

    /** What callers invoke: the published version, which starts from its SnapStart snapshot ($LATEST has none). */
    public Alias alias() {
        return alias;
    }
}
