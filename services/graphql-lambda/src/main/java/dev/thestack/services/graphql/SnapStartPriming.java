package dev.thestack.services.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of a GraphQL handler: before Lambda snapshots the initialized function, one read-only operation
 * runs through the request parser, the service's own execution and the response's JSON, so the classes of the hot
 * path are loaded and initialized in the snapshot instead of on the first invocation after every restore. It
 * bypasses the handler method, so no metric is emitted and no invocation is logged; what {@link #answer} may touch
 * (no writes, no connections a snapshot must not hold) is each service's to say.
 */
public abstract class SnapStartPriming implements Resource {
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
     * Registers the hooks with the global CRaC context. The context holds its resources weakly, so the caller
     * must keep the returned object for as long as the handler lives.
     */
    public static <P extends SnapStartPriming> P register(P priming) {
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** How the service answers the priming operation, as its handler would. */
    protected abstract GraphQLHttpResponse answer(GraphQLRequest request);

    @Override
    public final void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        GraphQLHttpResponse response = prime();
        // a failed priming only costs the first invocation its speed-up: say so, and let the snapshot be taken
        log.info("SnapStart priming answered HTTP {} in {} ms", response.statusCode(),
                (System.nanoTime() - started) / 1_000_000);
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
