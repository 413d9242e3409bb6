package dev.thestack.services.router.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What the router does to answer one operation.
 *
 * @param operation the operation the plan answers, which the result shaping walks
 * @param node      the fetches; null when the operation reads nothing from a subgraph ({@code __typename},
 *                  introspection)
 */
public record QueryPlan(NormalizedOperation operation, PlanNode node) {

    public List<PlanNode.Fetch> fetches() {
        List<PlanNode.Fetch> fetches = new ArrayList<>();
        collect(node, fetches);
        return fetches;
    }

    private static void collect(PlanNode node, List<PlanNode.Fetch> fetches) {
        if (node instanceof PlanNode.Fetch fetch) {
            fetches.add(fetch);
        } else if (node instanceof PlanNode.Flatten flatten) {
            fetches.add(flatten.fetch());
        } else if (node instanceof PlanNode.Sequence sequence) {
            sequence.nodes().forEach(child -> collect(child, fetches));
        } else if (node instanceof PlanNode.Parallel parallel) {
            parallel.nodes().forEach(child -> collect(child, fetches));
        }
    }

    /**
     * The plan for people, one line a fetch:
     * <pre>
     * Sequence {
     *   Fetch(todo) { todos { __typename id title } }
     *   Flatten(todos.@) {
     *     Fetch(media) { ... on Todo { __typename id done } } => { ... on Todo { canAttach } }
     *   }
     * }
     * </pre>
     */
    public String format() {
        StringBuilder text = new StringBuilder();
        if (node == null) {
            return "Empty\n";
        }
        format(node, "", text);
        return text.toString();
    }

    private static void format(PlanNode node, String indent, StringBuilder text) {
        if (node instanceof PlanNode.Fetch fetch) {
            text.append(indent).append("Fetch(").append(fetch.subgraph()).append(") ");
            if (fetch.isEntityFetch()) {
                text.append(fetch.requiresText()).append(" => ");
            }
            text.append(fetch.selectionText()).append('\n');
        } else if (node instanceof PlanNode.Flatten flatten) {
            text.append(indent).append("Flatten(").append(String.join(".", flatten.path())).append(") {\n");
            format(flatten.fetch(), indent + "  ", text);
            text.append(indent).append("}\n");
        } else if (node instanceof PlanNode.Sequence sequence) {
            block("Sequence", sequence.nodes(), indent, text);
        } else if (node instanceof PlanNode.Parallel parallel) {
            block("Parallel", parallel.nodes(), indent, text);
        }
    }

    private static void block(String name, List<PlanNode> nodes, String indent, StringBuilder text) {
        text.append(indent).append(name).append(" {\n");
        nodes.forEach(child -> format(child, indent + "  ", text));
        text.append(indent).append("}\n");
    }
}
