package dev.thestack.services.router.plan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One fetch while it is being planned: what it selects, where its results go, what must run before it. */
final class FetchGroup {
    final int id;
    final String subgraph;
    /** Where an entity fetch's objects are in the response ({@code "@"}: each element of a list); empty for a root fetch. */
    final List<String> mergePath;
    /** The fetch whose objects an entity fetch extends; null for a root fetch. */
    final FetchGroup parent;
    final SelectionTree selection = new SelectionTree();
    /** An entity fetch's representations: per type, {@code __typename}, key and required fields. */
    final SelectionTree inputs = new SelectionTree();
    final Set<FetchGroup> dependsOn = new LinkedHashSet<>();

    FetchGroup(int id, String subgraph, List<String> mergePath, FetchGroup parent) {
        this.id = id;
        this.subgraph = subgraph;
        this.mergePath = List.copyOf(mergePath);
        this.parent = parent;
        if (parent != null) {
            dependsOn.add(parent);
        }
    }

    boolean isEntityFetch() {
        return parent != null;
    }

    @Override
    public String toString() {
        return "fetch " + id + " (" + subgraph + (mergePath.isEmpty() ? "" : " at " + String.join(".", mergePath)) + ")";
    }
}
