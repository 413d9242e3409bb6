package dev.thestack.services.router.supergraph;

import graphql.language.SelectionSet;
import java.util.Objects;

/**
 * How one subgraph knows a field ({@code @join__field}, or implied: a field without it belongs to every subgraph
 * of its type).
 *
 * @param external        the subgraph declares the field but another resolves it ({@code @external}); it can
 *                        still resolve it where a parent field {@code @provides} it
 * @param requires        fields of the parent the subgraph needs in the representation to resolve this one, or null
 * @param provides        fields of the returned object the subgraph resolves here though they are external to
 *                        it, or null
 * @param usedOverridden  the field moved to another subgraph ({@code @override}) and is kept here only for keys
 *                        or requirements: never fetched from here for a client's selection
 */
public record FieldJoin(String graph, boolean external, SelectionSet requires, SelectionSet provides,
                        boolean usedOverridden) {
    public FieldJoin {
        Objects.requireNonNull(graph, "graph");
    }

    /** Whether a client's selection of the field may be fetched from this subgraph, without a {@code @provides}. */
    public boolean resolvable() {
        return !external && !usedOverridden;
    }
}
