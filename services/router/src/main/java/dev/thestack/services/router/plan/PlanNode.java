package dev.thestack.services.router.plan;

import java.util.List;

/**
 * A step of a query plan, in the shape Apollo's gateway uses: fetches, run one after another ({@link Sequence}) or
 * at once ({@link Parallel}), an entity fetch being {@link Flatten}ed over the objects at a response path.
 */
public sealed interface PlanNode permits PlanNode.Fetch, PlanNode.Flatten, PlanNode.Sequence, PlanNode.Parallel {

    /**
     * One request to one subgraph.
     *
     * @param id            the fetch's index in the plan, in the order fetches were planned
     * @param operation     the subgraph operation's document, compact
     * @param operationName its name ({@code Client__subgraph__id}), or null for an anonymous client operation
     * @param variableUsages the client's variables the document uses; only these are sent
     * @param requires      for an entity fetch, what each representation is made of (per type, {@code __typename}
     *                      and the key and required fields); empty for a root fetch
     * @param selectionText the fetched selection, for reading plans ({@link QueryPlan#format()})
     * @param requiresText  the representation's selection, for reading plans; null for a root fetch
     */
    record Fetch(int id, String subgraph, String operation, String operationName, List<String> variableUsages,
                 List<Selection> requires, String selectionText, String requiresText) implements PlanNode {
        public Fetch {
            variableUsages = List.copyOf(variableUsages);
            requires = List.copyOf(requires);
        }

        public boolean isEntityFetch() {
            return requiresText != null;
        }
    }

    /**
     * The entity fetch runs over the objects at the path: {@code "@"} steps into each element of a list.
     */
    record Flatten(List<String> path, Fetch fetch) implements PlanNode {
        public Flatten {
            path = List.copyOf(path);
        }
    }

    record Sequence(List<PlanNode> nodes) implements PlanNode {
        public Sequence {
            nodes = List.copyOf(nodes);
        }
    }

    record Parallel(List<PlanNode> nodes) implements PlanNode {
        public Parallel {
            nodes = List.copyOf(nodes);
        }
    }
}
