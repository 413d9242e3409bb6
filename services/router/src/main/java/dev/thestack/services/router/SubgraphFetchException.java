package dev.thestack.services.router;

/**
 * A subgraph gave no GraphQL response to read. The message is for logs only: clients see a masked error.
 */
public final class SubgraphFetchException extends RuntimeException {
    private final String subgraph;

    public SubgraphFetchException(String subgraph, String message, Throwable cause) {
        super(message, cause);
        this.subgraph = subgraph;
    }

    public String subgraph() {
        return subgraph;
    }
}
