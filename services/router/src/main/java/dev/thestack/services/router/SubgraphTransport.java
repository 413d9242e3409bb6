package dev.thestack.services.router;

import java.util.concurrent.CompletableFuture;

/**
 * How the router reaches a subgraph: Lambda Invoke in AWS, HTTP POST locally. The plan executor knows only this, so
 * the same plans run against Lambdas, local servers and in-process test subgraphs.
 *
 * <p>A transport completes the future with the subgraph's GraphQL response, or exceptionally with a
 * {@link java.util.concurrent.TimeoutException} when the subgraph did not answer in time, or a
 * {@link SubgraphFetchException} when there is no response to read (refused connection, non-JSON body).
 */
public interface SubgraphTransport {
    CompletableFuture<SubgraphResponse> fetch(SubgraphRequest request);
}
