package dev.thestack.services.router.plan;

import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.ListType;
import graphql.language.Node;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns planned fetch groups into plan nodes: each fetch waits for exactly the fetches it depends on (a tree of
 * sequences and parallels), or, where a fetch depends on two that do not depend on each other, the fetches run in
 * stages. Fetches are numbered in reading order and get their subgraph operation documents here.
 */
final class PlanBuilder {
    static final String REPRESENTATIONS = "representations";

    private final NormalizedOperation operation;
    private int nextId;

    PlanBuilder(NormalizedOperation operation) {
        this.operation = operation;
    }

    /** @param runs the groups of each mutation field run in order, or of the whole query (one run) */
    PlanNode build(List<List<FetchGroup>> runs) {
        List<PlanNode> nodes = new ArrayList<>();
        for (List<FetchGroup> run : runs) {
            nodes.add(buildRun(run));
        }
        return nodes.size() == 1 ? nodes.get(0) : sequence(nodes);
    }

    private PlanNode buildRun(List<FetchGroup> run) {
        Map<FetchGroup, Set<FetchGroup>> needs = new LinkedHashMap<>();
        for (FetchGroup group : run) {
            needs.put(group, reduced(group));
        }
        checkAcyclic(run);
        boolean tree = needs.entrySet().stream().allMatch(entry ->
                entry.getKey().isEntityFetch() ? entry.getValue().size() == 1 : entry.getValue().isEmpty());
        if (tree) {
            Map<FetchGroup, List<FetchGroup>> children = new LinkedHashMap<>();
            List<FetchGroup> roots = new ArrayList<>();
            for (FetchGroup group : run) {
                if (needs.get(group).isEmpty()) {
                    roots.add(group);
                } else {
                    children.computeIfAbsent(needs.get(group).iterator().next(), key -> new ArrayList<>()).add(group);
                }
            }
            List<PlanNode> nodes = new ArrayList<>();
            for (FetchGroup root : roots) {
                nodes.add(subtree(root, children));
            }
            return nodes.size() == 1 ? nodes.get(0) : new PlanNode.Parallel(nodes);
        }
        return stages(run);
    }

    private PlanNode subtree(FetchGroup group, Map<FetchGroup, List<FetchGroup>> children) {
        PlanNode self = node(group);
        List<FetchGroup> below = children.getOrDefault(group, List.of());
        if (below.isEmpty()) {
            return self;
        }
        List<PlanNode> nodes = new ArrayList<>();
        for (FetchGroup child : below) {
            nodes.add(subtree(child, children));
        }
        return sequence(List.of(self, nodes.size() == 1 ? nodes.get(0) : new PlanNode.Parallel(nodes)));
    }

    /** Each stage holds the fetches whose dependencies all ran in earlier stages. */
    private PlanNode stages(List<FetchGroup> run) {
        Map<FetchGroup, Integer> stage = new LinkedHashMap<>();
        for (FetchGroup group : run) {
            stageOf(group, stage);
        }
        int last = stage.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<PlanNode> nodes = new ArrayList<>();
        for (int index = 0; index <= last; index++) {
            List<PlanNode> inStage = new ArrayList<>();
            for (FetchGroup group : run) {
                if (stage.get(group) == index) {
                    inStage.add(node(group));
                }
            }
            nodes.add(inStage.size() == 1 ? inStage.get(0) : new PlanNode.Parallel(inStage));
        }
        return sequence(nodes);
    }

    private static int stageOf(FetchGroup group, Map<FetchGroup, Integer> stage) {
        Integer known = stage.get(group);
        if (known != null) {
            return known;
        }
        int value = 0;
        for (FetchGroup dependency : group.dependsOn) {
            value = Math.max(value, stageOf(dependency, stage) + 1);
        }
        stage.put(group, value);
        return value;
    }

    /** The group's dependencies without those another dependency already waits for. */
    private static Set<FetchGroup> reduced(FetchGroup group) {
        Set<FetchGroup> direct = new LinkedHashSet<>(group.dependsOn);
        direct.remove(group);
        Set<FetchGroup> reduced = new LinkedHashSet<>(direct);
        for (FetchGroup dependency : direct) {
            Set<FetchGroup> transitive = new HashSet<>();
            reachable(dependency, transitive);
            transitive.remove(dependency);
            reduced.removeAll(transitive);
        }
        return reduced;
    }

    private static void reachable(FetchGroup from, Set<FetchGroup> seen) {
        for (FetchGroup dependency : from.dependsOn) {
            if (dependency != from && seen.add(dependency)) {
                reachable(dependency, seen);
            }
        }
    }

    private static void checkAcyclic(List<FetchGroup> run) {
        for (FetchGroup group : run) {
            Set<FetchGroup> seen = new HashSet<>();
            for (FetchGroup dependency : group.dependsOn) {
                if (dependency != group) {
                    seen.add(dependency);
                    reachable(dependency, seen);
                }
            }
            if (seen.contains(group)) {
                throw new PlanningException(group + " would wait for itself: its keys or requirements depend on each other");
            }
        }
    }

    private static PlanNode sequence(List<PlanNode> nodes) {
        List<PlanNode> flat = new ArrayList<>();
        for (PlanNode node : nodes) {
            if (node instanceof PlanNode.Sequence sequence) {
                flat.addAll(sequence.nodes());
            } else {
                flat.add(node);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new PlanNode.Sequence(flat);
    }

    private PlanNode node(FetchGroup group) {
        int id = nextId++;
        SelectionSet selection = group.selection.toAst();
        String operationName = operation.name() == null ? null
                : operation.name() + "__" + group.subgraph.replaceAll("[^A-Za-z0-9_]", "_") + "__" + id;
        SelectionSet body = selection;
        List<VariableDefinition> definitions = new ArrayList<>();
        List<String> usages = usedVariables(selection);
        if (group.isEntityFetch()) {
            body = SelectionSet.newSelectionSet().selection(Field.newField("_entities")
                    .arguments(List.of(graphql.language.Argument.newArgument(REPRESENTATIONS,
                            VariableReference.newVariableReference().name(REPRESENTATIONS).build()).build()))
                    .selectionSet(selection)
                    .build()).build();
            definitions.add(VariableDefinition.newVariableDefinition(REPRESENTATIONS,
                    NonNullType.newNonNullType(ListType.newListType(NonNullType.newNonNullType(
                            TypeName.newTypeName("_Any").build()).build()).build()).build()).build());
        }
        for (VariableDefinition definition : operation.variableDefinitions()) {
            if (usages.contains(definition.getName())) {
                // the client's declaration, default included, so the subgraph applies the same default
                definitions.add(definition.transform(builder -> builder.directives(List.of())));
            }
        }
        OperationDefinition.Operation kind = group.isEntityFetch()
                ? OperationDefinition.Operation.QUERY : operation.kind();
        OperationDefinition.Builder document = OperationDefinition.newOperationDefinition()
                .operation(kind)
                .variableDefinitions(definitions)
                .selectionSet(body);
        if (operationName != null) {
            document.name(operationName);
        }
        String text = AstPrinter.printAstCompact(Document.newDocument().definition(document.build()).build());
        List<Selection> requires = group.isEntityFetch() ? group.inputs.toSelections() : List.of();
        PlanNode.Fetch fetch = new PlanNode.Fetch(id, group.subgraph, text, operationName, usages, requires,
                PlanText.of(selection), group.isEntityFetch() ? PlanText.of(group.inputs.toAst()) : null);
        return group.isEntityFetch() ? new PlanNode.Flatten(group.mergePath, fetch) : fetch;
    }

    private static List<String> usedVariables(Node<?> node) {
        Set<String> names = new LinkedHashSet<>();
        collectVariables(node, names);
        return List.copyOf(names);
    }

    private static void collectVariables(Node<?> node, Set<String> names) {
        if (node instanceof VariableReference reference) {
            names.add(reference.getName());
        }
        for (Node<?> child : node.getChildren()) {
            collectVariables(child, names);
        }
    }

    /** Selections in one line, as plans show them: {@code { todos { __typename id } }}. */
    static final class PlanText {
        private PlanText() {
        }

        static String of(SelectionSet set) {
            StringBuilder text = new StringBuilder();
            append(set, text);
            return text.toString();
        }

        private static void append(SelectionSet set, StringBuilder text) {
            text.append('{');
            for (graphql.language.Selection<?> selection : set.getSelections()) {
                text.append(' ');
                if (selection instanceof Field field) {
                    if (field.getAlias() != null) {
                        text.append(field.getAlias()).append(": ");
                    }
                    text.append(field.getName());
                    if (!field.getArguments().isEmpty()) {
                        text.append('(');
                        for (int i = 0; i < field.getArguments().size(); i++) {
                            graphql.language.Argument argument = field.getArguments().get(i);
                            text.append(i == 0 ? "" : ", ").append(argument.getName()).append(": ")
                                    .append(AstPrinter.printAstCompact(argument.getValue()));
                        }
                        text.append(')');
                    }
                    if (field.getSelectionSet() != null) {
                        text.append(' ');
                        append(field.getSelectionSet(), text);
                    }
                } else if (selection instanceof InlineFragment fragment) {
                    text.append("... on ").append(fragment.getTypeCondition().getName()).append(' ');
                    append(fragment.getSelectionSet(), text);
                }
            }
            text.append(" }");
        }
    }
}
