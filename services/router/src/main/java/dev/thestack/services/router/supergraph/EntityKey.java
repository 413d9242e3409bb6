package dev.thestack.services.router.supergraph;

import graphql.language.SelectionSet;
import java.util.Objects;

/**
 * A {@code @key} of an entity type in one subgraph ({@code @join__type(graph:, key:)}).
 *
 * @param fieldSet   the key's fields as written ("id", "sku package { id }")
 * @param selection  the same, parsed
 * @param resolvable false when the subgraph only references the entity and cannot be asked for it by this key
 */
public record EntityKey(String graph, String fieldSet, SelectionSet selection, boolean resolvable) {
    public EntityKey {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(fieldSet, "fieldSet");
        Objects.requireNonNull(selection, "selection");
    }
}
