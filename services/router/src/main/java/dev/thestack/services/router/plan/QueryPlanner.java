package dev.thestack.services.router.plan;

import dev.thestack.services.router.supergraph.EntityKey;
import dev.thestack.services.router.supergraph.FieldJoin;
import dev.thestack.services.router.supergraph.Supergraph;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans a {@link NormalizedOperation} over the supergraph's subgraphs.
 *
 * <p>Root fields go to a subgraph that resolves them (the one needing the fewest entity fetches below, then one
 * already used, then the first in the supergraph), all of a query's fields of one subgraph in one fetch; a
 * mutation's fields run strictly in order, consecutive fields of one subgraph sharing a fetch. Below a root field,
 * each field stays in the fetch of its parent when that subgraph resolves it (itself, or through a
 * {@code @provides}); otherwise the parent fetch also selects {@code __typename} and a {@code @key} of the entity,
 * and an entity fetch ({@code _entities}) to a subgraph that resolves the field runs after it, over every object
 * at that response path. Fields of one subgraph at one path share that fetch. A field with {@code @requires}
 * always takes an entity fetch, whose representation carries the required fields, fetched first by whichever
 * subgraphs resolve them. The fetches then form a tree ({@link PlanNode}) where each waits only for what it
 * needs, siblings in parallel.
 */
public final class QueryPlanner {
    private static final int IMPOSSIBLE = 1_000_000;
    private static final String TYPENAME = "__typename";
    private static final String INTERNAL_ALIAS_PREFIX = "__internal_";

    private final Supergraph supergraph;

    public QueryPlanner(Supergraph supergraph) {
        this.supergraph = supergraph;
    }

    public QueryPlan plan(NormalizedOperation operation) {
        return new Planning(operation).plan();
    }

    /** The state of planning one operation. */
    private final class Planning {
        private final NormalizedOperation operation;
        private final List<FetchGroup> groups = new ArrayList<>();
        private final Map<String, FetchGroup> entityGroups = new LinkedHashMap<>();

        Planning(NormalizedOperation operation) {
            this.operation = operation;
        }

        QueryPlan plan() {
            GraphQLObjectType root = (GraphQLObjectType) supergraph.compositeType(operation.rootType());
            List<FieldSelection> rootFields = new ArrayList<>();
            flattenRoot(operation.selections(), rootFields);
            rootFields.removeIf(field -> field.name().startsWith("__"));
            if (rootFields.isEmpty()) {
                return new QueryPlan(operation, null);
            }
            List<List<FetchGroup>> runs = new ArrayList<>();
            if (operation.kind() == OperationDefinition.Operation.MUTATION) {
                // strictly in order: a new fetch (and all it leads to) whenever the subgraph changes
                List<Integer> runStarts = new ArrayList<>();
                FetchGroup current = null;
                for (FieldSelection field : rootFields) {
                    String graph = chooseRootGraph(root, field, current == null ? Set.of() : Set.of(current.subgraph));
                    if (current == null || !current.subgraph.equals(graph)) {
                        runStarts.add(groups.size());
                        current = newGroup(graph, List.of(), null);
                    }
                    resolveLocally(current, current.selection, root, field, List.of(), Provided.NOTHING);
                }
                runStarts.add(groups.size());
                for (int run = 0; run + 1 < runStarts.size(); run++) {
                    runs.add(groups.subList(runStarts.get(run), runStarts.get(run + 1)));
                }
            } else {
                Map<String, FetchGroup> byGraph = new LinkedHashMap<>();
                for (FieldSelection field : rootFields) {
                    String graph = chooseRootGraph(root, field, byGraph.keySet());
                    FetchGroup group = byGraph.computeIfAbsent(graph, name -> newGroup(name, List.of(), null));
                    resolveLocally(group, group.selection, root, field, List.of(), Provided.NOTHING);
                }
                runs.add(groups);
            }
            return new QueryPlan(operation, new PlanBuilder(operation).build(runs));
        }

        private void flattenRoot(List<Selection> selections, List<FieldSelection> into) {
            for (Selection selection : selections) {
                if (selection instanceof FieldSelection field) {
                    into.add(field);
                } else if (selection instanceof FragmentSelection fragment) {
                    // validation allows only the root type (or none) as condition here
                    flattenRoot(fragment.selections(), into);
                }
            }
        }

        private FetchGroup newGroup(String graph, List<String> path, FetchGroup parent) {
            FetchGroup group = new FetchGroup(groups.size(), graph, path, parent);
            groups.add(group);
            return group;
        }

        private String chooseRootGraph(GraphQLObjectType root, FieldSelection field, Set<String> used) {
            String best = null;
            int bestCost = IMPOSSIBLE;
            for (FieldJoin join : supergraph.joinsOf(root.getName(), field.name())) {
                if (!join.resolvable()) {
                    continue;
                }
                int cost = fieldCost(join.graph(), root, field, Provided.NOTHING);
                boolean better = cost < bestCost
                        || (cost == bestCost && best != null && used.contains(join.graph()) && !used.contains(best));
                if (better) {
                    best = join.graph();
                    bestCost = cost;
                }
            }
            if (best == null) {
                throw new PlanningException("No subgraph can resolve " + root.getName() + "." + field.name()
                        + " with all it selects");
            }
            return best;
        }

        /**
         * Plans selections on objects of {@code parent} at {@code path} that {@code group} fetches into {@code target}.
         *
         * @param position every selection the client made at this position, to keep the planner's own fields
         *                 from taking response names the client uses
         * @return the fetches that fetch what was planned
         */
        private Set<FetchGroup> plan(FetchGroup group, SelectionTree target, GraphQLCompositeType parent,
                                     List<Selection> selections, List<String> path, Provided provided,
                                     List<Selection> position) {
            Set<FetchGroup> fetching = new LinkedHashSet<>();
            for (Selection selection : selections) {
                if (selection instanceof FragmentSelection fragment) {
                    fetching.addAll(planFragment(group, target, parent, fragment, path, provided, position));
                    continue;
                }
                FieldSelection field = (FieldSelection) selection;
                if (field.name().equals(TYPENAME)) {
                    target.field(field.responseName(), TYPENAME, List.of(), false);
                    fetching.add(group);
                } else if (field.name().startsWith("__")) {
                    // __schema and __type: answered by the router from the API schema
                    continue;
                } else if (parent instanceof GraphQLObjectType object) {
                    fetching.addAll(planObjectField(group, target, object, field, path, provided, position));
                } else {
                    fetching.addAll(planAbstractField(group, target, parent, field, path, provided, position));
                }
            }
            return fetching;
        }

        private Set<FetchGroup> planFragment(FetchGroup group, SelectionTree target, GraphQLCompositeType parent,
                                             FragmentSelection fragment, List<String> path, Provided provided,
                                             List<Selection> position) {
            String condition = fragment.typeCondition();
            if (condition == null || condition.equals(parent.getName())) {
                return plan(group, target, parent, fragment.selections(), path, provided, position);
            }
            GraphQLCompositeType conditionType = supergraph.compositeType(condition);
            if (parent instanceof GraphQLObjectType) {
                // an abstract condition the object is one of applies as if it were not there; any other never applies
                return supergraph.possibleTypes(conditionType).contains(parent.getName())
                        ? plan(group, target, parent, fragment.selections(), path, provided, position)
                        : Set.of();
            }
            Set<String> runtimeTypes = new LinkedHashSet<>(supergraph.possibleTypes(parent, group.subgraph));
            runtimeTypes.retainAll(supergraph.possibleTypes(conditionType));
            Set<FetchGroup> fetching = new LinkedHashSet<>();
            for (String object : runtimeTypes) {
                fetching.addAll(plan(group, target.fragment(object), supergraph.compositeType(object),
                        fragment.selections(), path, provided, position));
            }
            return fetching;
        }

        private Set<FetchGroup> planAbstractField(FetchGroup group, SelectionTree target, GraphQLCompositeType parent,
                                                  FieldSelection field, List<String> path, Provided provided,
                                                  List<Selection> position) {
            Set<String> runtimeTypes = supergraph.possibleTypes(parent, group.subgraph);
            boolean local = parent instanceof GraphQLInterfaceType
                    && resolvableHere(group.subgraph, parent, field.name(), provided)
                    && runtimeTypes.stream().allMatch(object ->
                    resolvableHere(group.subgraph, supergraph.compositeType(object), field.name(), provided));
            if (local) {
                return resolveLocally(group, target, parent, field, path, provided);
            }
            Set<FetchGroup> fetching = new LinkedHashSet<>();
            for (String object : runtimeTypes) {
                fetching.addAll(planObjectField(group, target.fragment(object),
                        (GraphQLObjectType) supergraph.compositeType(object), field, path, provided, position));
            }
            return fetching;
        }

        private Set<FetchGroup> planObjectField(FetchGroup group, SelectionTree target, GraphQLObjectType parent,
                                                FieldSelection field, List<String> path, Provided provided,
                                                List<Selection> position) {
            if (resolvableHere(group.subgraph, parent, field.name(), provided)) {
                boolean completeHere = fieldCost(group.subgraph, parent, field, provided) < IMPOSSIBLE;
                if (completeHere || chooseJump(group.subgraph, parent, field, provided).isEmpty()) {
                    return resolveLocally(group, target, parent, field, path, provided);
                }
            }
            return jump(group, target, parent, field, path, provided, position);
        }

        /** The field goes into {@code group}'s fetch as it is; its subfields are planned from there. */
        private Set<FetchGroup> resolveLocally(FetchGroup group, SelectionTree target, GraphQLCompositeType parent,
                                               FieldSelection field, List<String> path, Provided provided) {
            GraphQLFieldDefinition definition = supergraph.field(parent, field.name());
            GraphQLType named = GraphQLTypeUtil.unwrapAll(definition.getType());
            boolean composite = named instanceof GraphQLCompositeType;
            SelectionTree child = target.field(field.responseName(), field.name(), field.arguments(), composite);
            Set<FetchGroup> fetching = new LinkedHashSet<>();
            fetching.add(group);
            if (composite) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(field.responseName());
                for (int lists = listDepth(definition.getType()); lists > 0; lists--) {
                    childPath.add("@");
                }
                if (!(named instanceof GraphQLObjectType)) {
                    child.leaf(TYPENAME);
                }
                fetching.addAll(plan(group, child, (GraphQLCompositeType) named, field.selections(), childPath,
                        providedBelow(group.subgraph, parent, field.name(), provided), field.selections()));
            }
            return fetching;
        }

        /** The field comes from an entity fetch to another subgraph (or to the same one, for a {@code @requires}). */
        private Set<FetchGroup> jump(FetchGroup group, SelectionTree target, GraphQLObjectType parent,
                                     FieldSelection field, List<String> path, Provided provided,
                                     List<Selection> position) {
            Jump chosen = chooseJump(group.subgraph, parent, field, provided).orElseThrow(() -> new PlanningException(
                    "Cannot plan " + parent.getName() + "." + field.name() + " at " + String.join(".", path)
                            + ": no subgraph that resolves it can be reached from subgraph " + group.subgraph));
            FetchGroup entityGroup = entityGroups.computeIfAbsent(
                    chosen.graph + "|" + String.join(".", path) + "|" + group.id,
                    key -> newGroup(chosen.graph, path, group));
            List<Selection> key = new ArrayList<>();
            key.add(FieldSelection.leaf(TYPENAME));
            key.addAll(internal(chosen.key.selection(), position));
            entityGroup.dependsOn.addAll(plan(group, target, parent, key, path, provided, position));
            entityGroup.inputs.fragment(parent.getName()).addAll(key);
            SelectionSet requires = supergraph.requiresOf(parent.getName(), field.name(), chosen.graph);
            if (requires != null) {
                List<Selection> required = internal(requires, position);
                Set<FetchGroup> suppliers = plan(group, target, parent, required, path, provided, position);
                if (suppliers.contains(entityGroup)) {
                    throw new PlanningException("The @requires of " + parent.getName() + "." + field.name()
                            + " in subgraph " + chosen.graph + " needs fields that only that same fetch would get");
                }
                entityGroup.dependsOn.addAll(suppliers);
                entityGroup.inputs.fragment(parent.getName()).addAll(required);
            }
            Set<FetchGroup> fetching = new LinkedHashSet<>();
            fetching.add(entityGroup);
            fetching.addAll(resolveLocally(entityGroup, entityGroup.selection.fragment(parent.getName()), parent,
                    field, path, Provided.NOTHING));
            return fetching;
        }

        /**
         * The planner's own selection (a key, a requirement), aliased where the client uses the same response name
         * for something else at this position.
         */
        private List<Selection> internal(SelectionSet fieldSet, List<Selection> position) {
            Map<String, List<FieldSelection>> clientFields = new LinkedHashMap<>();
            collectFields(position, clientFields);
            List<Selection> selections = new ArrayList<>();
            for (graphql.language.Selection<?> selection : fieldSet.getSelections()) {
                if (selection instanceof Field field) {
                    List<FieldSelection> sameName = clientFields.getOrDefault(field.getName(), List.of());
                    boolean conflicting = sameName.stream().anyMatch(client ->
                            !client.name().equals(field.getName()) || !client.arguments().isEmpty());
                    List<Selection> below = new ArrayList<>();
                    if (!conflicting) {
                        sameName.forEach(client -> below.addAll(client.selections()));
                    }
                    selections.add(new FieldSelection(conflicting ? INTERNAL_ALIAS_PREFIX + field.getName() : field.getName(),
                            field.getName(), field.getArguments(),
                            field.getSelectionSet() == null ? List.of() : internal(field.getSelectionSet(), below)));
                } else if (selection instanceof InlineFragment fragment) {
                    selections.add(new FragmentSelection(
                            fragment.getTypeCondition() == null ? null : fragment.getTypeCondition().getName(),
                            internal(fragment.getSelectionSet(), position)));
                }
            }
            return selections;
        }
    }

    private static void collectFields(List<Selection> selections, Map<String, List<FieldSelection>> into) {
        for (Selection selection : selections) {
            if (selection instanceof FieldSelection field) {
                into.computeIfAbsent(field.responseName(), name -> new ArrayList<>()).add(field);
            } else if (selection instanceof FragmentSelection fragment) {
                collectFields(fragment.selections(), into);
            }
        }
    }

    /** Where an entity fetch goes, and by which key. */
    private record Jump(String graph, EntityKey key) {
    }

    /**
     * The subgraph to fetch the field from as an entity: one that resolves it, reachable by a key whose fields
     * {@code from} resolves; the one needing the fewest further entity fetches below, then the first.
     */
    private Optional<Jump> chooseJump(String from, GraphQLObjectType parent, FieldSelection field, Provided provided) {
        Jump best = null;
        int bestCost = IMPOSSIBLE;
        for (FieldJoin join : supergraph.joinsOf(parent.getName(), field.name())) {
            if (join.external() || join.usedOverridden() || (join.graph().equals(from) && join.requires() == null)) {
                continue;
            }
            Optional<EntityKey> key = supergraph.resolvableKeys(parent.getName(), join.graph()).stream()
                    .filter(candidate -> resolvesAll(from, parent, candidate.selection(), provided))
                    .findFirst();
            if (key.isEmpty()) {
                continue;
            }
            int cost = fieldCostIn(join.graph(), parent, field, Provided.NOTHING);
            if (best == null || cost < bestCost) {
                best = new Jump(join.graph(), key.get());
                bestCost = cost;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether the subgraph resolves every field of a key itself, without further fetches. */
    private boolean resolvesAll(String graph, GraphQLCompositeType type, SelectionSet fieldSet, Provided provided) {
        for (graphql.language.Selection<?> selection : fieldSet.getSelections()) {
            if (selection instanceof Field field) {
                if (field.getName().equals(TYPENAME)) {
                    continue;
                }
                if (!resolvableHere(graph, type, field.getName(), provided)) {
                    return false;
                }
                if (field.getSelectionSet() != null) {
                    GraphQLType named = GraphQLTypeUtil.unwrapAll(supergraph.field(type, field.getName()).getType());
                    if (!resolvesAll(graph, (GraphQLCompositeType) named, field.getSelectionSet(),
                            providedBelow(graph, type, field.getName(), provided))) {
                        return false;
                    }
                }
            } else if (selection instanceof InlineFragment fragment && !resolvesAll(graph,
                    fragment.getTypeCondition() == null ? type : supergraph.compositeType(fragment.getTypeCondition().getName()),
                    fragment.getSelectionSet(), provided)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the subgraph itself answers a client's selection of the field on the type: it has the field, not
     * as {@code @external} (unless a parent's {@code @provides} covers it), not overridden away, and not needing
     * a representation ({@code @requires}).
     */
    private boolean resolvableHere(String graph, GraphQLCompositeType type, String fieldName, Provided provided) {
        if (!supergraph.typeInGraph(type.getName(), graph)) {
            return false;
        }
        Optional<FieldJoin> join = supergraph.joinOf(type.getName(), fieldName, graph);
        if (join.isEmpty() || join.get().requires() != null || join.get().usedOverridden()) {
            return false;
        }
        return !join.get().external() || provided.has(fieldName);
    }

    private Provided providedBelow(String graph, GraphQLCompositeType parent, String fieldName, Provided provided) {
        Provided inherited = provided.child(fieldName);
        return supergraph.joinOf(parent.getName(), fieldName, graph)
                .map(FieldJoin::provides)
                .map(fieldSet -> Provided.merge(inherited, Provided.of(fieldSet)))
                .orElse(inherited);
    }

    /** Entity fetches needed below, counting each jump once; {@value #IMPOSSIBLE} if the subgraph cannot get there. */
    private int cost(String graph, GraphQLCompositeType type, List<Selection> selections, Provided provided) {
        int total = 0;
        for (Selection selection : selections) {
            if (selection instanceof FragmentSelection fragment) {
                GraphQLCompositeType condition = fragment.typeCondition() == null
                        ? type : supergraph.compositeType(fragment.typeCondition());
                if (type instanceof GraphQLObjectType && !supergraph.possibleTypes(condition).contains(type.getName())) {
                    continue;
                }
                total += cost(graph, type instanceof GraphQLObjectType ? type : condition, fragment.selections(), provided);
            } else {
                FieldSelection field = (FieldSelection) selection;
                if (field.name().startsWith("__")) {
                    continue;
                }
                if (type instanceof GraphQLObjectType object) {
                    total += fieldCost(graph, object, field, provided);
                } else if (type instanceof GraphQLInterfaceType && resolvableHere(graph, type, field.name(), provided)) {
                    total += fieldCostIn(graph, type, field, provided);
                } else {
                    for (String object : supergraph.possibleTypes(type, graph)) {
                        total += fieldCost(graph, (GraphQLObjectType) supergraph.compositeType(object), field, provided);
                    }
                }
            }
            if (total >= IMPOSSIBLE) {
                return IMPOSSIBLE;
            }
        }
        return total;
    }

    private int fieldCost(String graph, GraphQLObjectType parent, FieldSelection field, Provided provided) {
        if (resolvableHere(graph, parent, field.name(), provided)) {
            int below = fieldCostIn(graph, parent, field, provided);
            if (below < IMPOSSIBLE) {
                return below;
            }
        }
        // an entity fetch from here; what it needs below is counted when it is planned
        return chooseJumpWithoutCost(graph, parent, field, provided) ? 1 : IMPOSSIBLE;
    }

    /** What the field's subselection costs when the subgraph resolves the field itself. */
    private int fieldCostIn(String graph, GraphQLCompositeType parent, FieldSelection field, Provided provided) {
        GraphQLType named = GraphQLTypeUtil.unwrapAll(supergraph.field(parent, field.name()).getType());
        if (!(named instanceof GraphQLCompositeType composite)) {
            return 0;
        }
        return cost(graph, composite, field.selections(), providedBelow(graph, parent, field.name(), provided));
    }

    private boolean chooseJumpWithoutCost(String from, GraphQLObjectType parent, FieldSelection field, Provided provided) {
        for (FieldJoin join : supergraph.joinsOf(parent.getName(), field.name())) {
            if (join.external() || join.usedOverridden() || (join.graph().equals(from) && join.requires() == null)) {
                continue;
            }
            boolean reachable = supergraph.resolvableKeys(parent.getName(), join.graph()).stream()
                    .anyMatch(key -> resolvesAll(from, parent, key.selection(), provided));
            if (reachable) {
                return true;
            }
        }
        return false;
    }

    private static int listDepth(GraphQLType type) {
        int depth = 0;
        GraphQLType current = type;
        while (current instanceof GraphQLNonNull || current instanceof GraphQLList) {
            if (current instanceof GraphQLList) {
                depth++;
            }
            current = GraphQLTypeUtil.unwrapOne(current);
        }
        return depth;
    }
}
