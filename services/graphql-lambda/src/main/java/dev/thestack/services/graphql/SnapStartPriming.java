package dev.thestack.services.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.instrumentation.OutsideInvocation;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Priming of a GraphQL handler: one read-only operation runs through the request parser, the service's own execution
 * and the response's JSON, so the classes of the hot path are loaded and initialized before a request needs them.
 * With SnapStart it runs before Lambda snapshots the initialized function, so they are in the snapshot instead of
 * loaded on the first invocation after every restore; how it runs otherwise is {@link #register}'s to say. It
 * bypasses the handler method, so no metric is emitted and no invocation is logged; what {@link #answer} may touch
 * (no writes, no connections a snapshot must not hold) is each service's to say.
 */
public abstract class SnapStartPriming implements Resource {
    /** What Lambda sets to say how it initializes the function. */
    public static final String ENV_INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    public static final String SNAP_START = "snap-start";
    public static final String ON_DEMAND = "on-demand";
    public static final String PROVISIONED_CONCURRENCY = "provisioned-concurrency";
    private static final int OK = 200;

    private final Logger log = LogManager.getLogger(getClass());
    private final String body;
    private final GraphQLRequestParser requestParser;
    private final ObjectMapper json;

    protected SnapStartPriming(String body, GraphQLRequestParser requestParser, ObjectMapper json) {
        this.body = body;
        this.requestParser = requestParser;
        this.json = json;
    }

    /**
     * Registers the hooks with the global CRaC context, which SnapStart ({@value #SNAP_START}) runs before its
     * snapshot, and primes according to {@value #ENV_INITIALIZATION_TYPE}: {@value #PROVISIONED_CONCURRENCY} at
     * once, as that init is on no request's path; {@value #ON_DEMAND} on a thread of its own, started now and never
     * waited for: the runtime client then builds its event serializer (classes of its own class loader, not the
     * function's) and reads the first event, and meanwhile the priming loads the classes that event's answer needs
     * (graphql-java's execution, the SDK's first call), which the request would otherwise load after it arrived.
     * Unset (a test, a local host), nothing runs. The context holds its resources weakly, so the caller must keep
     * the returned object for as long as the handler lives.
     */
    public static <P extends SnapStartPriming> P register(P priming, Map<String, String> environment) {
        SnapStartPriming hooks = priming;
        Core.getGlobalContext().register(hooks);
        String initialization = environment.get(ENV_INITIALIZATION_TYPE);
        if (PROVISIONED_CONCURRENCY.equals(initialization)) {
            hooks.primeAndLog();
        } else if (ON_DEMAND.equals(initialization)) {
            Thread thread = new Thread(hooks::primeAndLog, "priming");
            // a priming stuck on a slow call must not keep the JVM alive
            thread.setDaemon(true);
            thread.start();
        }
        return priming;
    }

    /** How the service answers the priming operation, as its handler would. */
    protected abstract GraphQLHttpResponse answer(GraphQLRequest request);

    @Override
    public final void beforeCheckpoint(Context<? extends Resource> context) {
        primeAndLog();
    }

    // outside any invocation: untraced, and a failure is logged as costing the speed-up, not as a request's error
    private void primeAndLog() {
        long started = System.nanoTime();
        try {
            GraphQLHttpResponse response = OutsideInvocation.run(this::prime);
            long millis = (System.nanoTime() - started) / 1_000_000;
            // a 400 ran nothing: the operation no longer fits the schema or the limits, and primed nothing
            if (response.statusCode() != OK || response.hasServerErrors()) {
                log.warn("Priming failed after {} ms (HTTP {}, errors: {}); the first request loads what it needs"
                        + " itself", millis, response.statusCode(), response.body().get("errors"));
            } else {
                log.info("Priming answered HTTP {} in {} ms", response.statusCode(), millis);
            }
        } catch (RuntimeException | LinkageError e) {
            log.warn("Priming failed after {} ms; the first request loads what it needs itself",
                    (System.nanoTime() - started) / 1_000_000, e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: the SDK retries a kept-alive connection that did not survive the snapshot
    }

    /** The priming operation's response, as the handler would have answered it. */
    public GraphQLHttpResponse prime() {
        GraphQLHttpResponse response = answer(requestParser.parse(body, false));
        // thrown away: only the serializer's classes are wanted
        response.toApiGatewayResponse(json);
        return response;
    }
}
