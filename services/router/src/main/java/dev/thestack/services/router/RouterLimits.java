package dev.thestack.services.router;

import dev.thestack.services.graphql.QueryLimits;

/**
 * What one operation may ask of the router before anything is fetched. A refused operation gets an error with code
 * {@value QueryLimits#QUERY_TOO_COMPLEX} naming the limit, and HTTP 400.
 *
 * @param maxTokens    lexical tokens of the document; parsing stops there, so a huge document costs little
 * @param maxDepth     nesting of fields, introspection not counted (as {@link QueryLimits} counts it)
 * @param maxAliases   aliased fields anywhere in the operation: each alias of a field runs it once more
 * @param maxRootFields root fields, aliases included: each is at least one subgraph call
 */
public record RouterLimits(int maxTokens, int maxDepth, int maxAliases, int maxRootFields) {
    /** The subgraphs' own limits, so that nothing the router lets through is refused by them for its size. */
    public static final RouterLimits DEFAULT = new RouterLimits(15_000, QueryLimits.MAX_DEPTH, 30, QueryLimits.MAX_ROOT_FIELDS);

    public RouterLimits {
        if (maxTokens < 1 || maxDepth < 1 || maxAliases < 0 || maxRootFields < 1) {
            throw new IllegalArgumentException("limits must be positive (maxAliases may be 0): " + this);
        }
    }
}
