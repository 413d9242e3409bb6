package dev.thestack.services.router.execution;

import dev.thestack.services.graphql.SafeDataFetcherExceptionHandler;
import dev.thestack.services.router.FetchTimeouts;
import dev.thestack.services.router.SubgraphRequest;
import dev.thestack.services.router.SubgraphResponse;
import dev.thestack.services.router.SubgraphTransport;
import dev.thestack.services.router.plan.FieldSelection;
import dev.thestack.services.router.plan.FragmentSelection;
import dev.thestack.services.router.plan.PlanNode;
import dev.thestack.services.router.plan.QueryPlan;
import dev.thestack.services.router.plan.Selection;
import dev.thestack.services.router.supergraph.Supergraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link QueryPlan} over a {@link SubgraphTransport}: the fetches of a {@code Parallel} at once, those of a
 * {@code Sequence} one after another, each entity fetch over the objects at its path once the fetches before it
 * have merged their data. Mirrors {@code @apollo/gateway}'s executeQueryPlan: which variables a fetch gets, how
 * representations are built, how answers merge and where subgraph errors point.
 */
public final class PlanExecutor {
    private static final String TYPENAME = "__typename";
    private static final String ENTITIES = "_entities";
    private static final String REPRESENTATIONS = "representations";

    private final Supergraph supergraph;
    private final SubgraphTransport transport;
    private final FetchTimeouts fetchTimeouts;
    private final FetchListener listener;

    /** Told about every fetch, for per-subgraph metrics. */
    public interface FetchListener {
        /** @param failed no GraphQL response, or one with errors the client did not cause */
        void fetched(String subgraph, long nanos, boolean failed);
    }

    public PlanExecutor(Supergraph supergraph, SubgraphTransport transport, FetchTimeouts fetchTimeouts,
                        FetchListener listener) {
        this.supergraph = supergraph;
        this.transport = transport;
        this.fetchTimeouts = fetchTimeouts;
        this.listener = listener;
    }

    /**
     * @param variables the client's variables as it sent them (a subgraph applies its own defaults, as it is sent
     *                  the client's declarations)
     * @param headers   what every fetch forwards
     */
    public CompletableFuture<ExecutionOutcome> execute(QueryPlan plan, Map<String, Object> variables,
                                                       Map<String, String> headers) {
        Run run = new Run(variables, headers);
        if (plan.node() == null) {
            return CompletableFuture.completedFuture(run.outcome());
        }
        return execute(plan.node(), run).thenApply(done -> run.outcome());
    }

    /** The state of one execution; its data and errors are guarded by the run itself, as fetches end on any thread. */
    private static final class Run {
        final Map<String, Object> variables;
        final Map<String, String> headers;
        final Map<String, Object> data = new LinkedHashMap<>();
        final List<Map<String, Object>> errors = new ArrayList<>();

        Run(Map<String, Object> variables, Map<String, String> headers) {
            this.variables = variables;
            this.headers = headers;
        }

        synchronized ExecutionOutcome outcome() {
            return new ExecutionOutcome(data, List.copyOf(errors));
        }
    }

    private CompletableFuture<Void> execute(PlanNode node, Run run) {
        if (node instanceof PlanNode.Fetch fetch) {
            return fetch(fetch, List.of(), run);
        }
        if (node instanceof PlanNode.Flatten flatten) {
            return fetch(flatten.fetch(), flatten.path(), run);
        }
        if (node instanceof PlanNode.Sequence sequence) {
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (PlanNode child : sequence.nodes()) {
                chain = chain.thenCompose(done -> execute(child, run));
            }
            return chain;
        }
        PlanNode.Parallel parallel = (PlanNode.Parallel) node;
        CompletableFuture<?>[] children = new CompletableFuture<?>[parallel.nodes().size()];
        for (int i = 0; i < children.length; i++) {
            children[i] = execute(parallel.nodes().get(i), run);
        }
        return CompletableFuture.allOf(children);
    }

    private CompletableFuture<Void> fetch(PlanNode.Fetch fetch, List<String> path, Run run) {
        List<Map<String, Object>> entities;
        List<Map<String, Object>> representations = new ArrayList<>();
        List<Map<String, Object>> represented = new ArrayList<>();
        synchronized (run) {
            entities = new ArrayList<>();
            objectsAt(run.data, path, 0, entities);
            if (fetch.isEntityFetch()) {
                for (Map<String, Object> entity : entities) {
                    Map<String, Object> representation = select(entity, fetch.requires());
                    if (representation != null && representation.get(TYPENAME) != null) {
                        representations.add(representation);
                        represented.add(entity);
                    }
                }
            }
        }
        if (entities.isEmpty() || (fetch.isEntityFetch() && representations.isEmpty())) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        for (String name : fetch.variableUsages()) {
            if (run.variables.containsKey(name)) {
                variables.put(name, run.variables.get(name));
            }
        }
        if (fetch.isEntityFetch()) {
            variables.put(REPRESENTATIONS, representations);
        }
        SubgraphRequest request = new SubgraphRequest(fetch.subgraph(), fetch.operation(), variables,
                fetch.operationName(), run.headers);
        long start = System.nanoTime();
        CompletableFuture<SubgraphResponse> response;
        try {
            response = transport.fetch(request).orTimeout(fetchTimeouts.of(fetch.subgraph()).toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.handle((answer, failure) -> {
            boolean failed = failure != null;
            synchronized (run) {
                if (failed) {
                    run.errors.add(SubgraphErrors.noAnswer(fetch.subgraph(), unwrap(failure) instanceof TimeoutException));
                } else {
                    failed = !merge(fetch, path, answer, entities, represented, run);
                }
            }
            listener.fetched(fetch.subgraph(), System.nanoTime() - start, failed);
            return null;
        });
    }

    /** @return whether the answer was a GraphQL response without errors the client did not cause */
    private boolean merge(PlanNode.Fetch fetch, List<String> path, SubgraphResponse answer,
                          List<Map<String, Object>> entities, List<Map<String, Object>> represented, Run run) {
        if (!answer.errors().isEmpty()) {
            List<List<Object>> hydrated = null;
            for (Map<String, Object> error : answer.errors()) {
                List<Object> errorPath = error.get("path") instanceof List<?> given ? new ArrayList<>(given) : null;
                List<Object> clientPath = null;
                if (errorPath != null && fetch.isEntityFetch() && errorPath.size() > 1 && errorPath.get(1) instanceof Number index) {
                    if (hydrated == null) {
                        hydrated = new ArrayList<>();
                        hydratedPaths(new ArrayList<>(), path, 0, run.data, hydrated);
                    }
                    int at = index.intValue();
                    clientPath = new ArrayList<>(at >= 0 && at < hydrated.size() ? hydrated.get(at) : List.of());
                    clientPath.addAll(errorPath.subList(2, errorPath.size()));
                } else if (errorPath != null) {
                    clientPath = new ArrayList<>(path);
                    clientPath.addAll(errorPath);
                }
                run.errors.add(SubgraphErrors.fromSubgraph(fetch.subgraph(), error, clientPath));
            }
        }
        boolean clean = answer.errors().stream().allMatch(PlanExecutor::isBadUserInput);
        Map<String, Object> data = answer.data();
        if (data == null) {
            return clean;
        }
        if (!fetch.isEntityFetch()) {
            for (Map<String, Object> entity : entities) {
                deepMerge(entity, data);
            }
            return clean;
        }
        if (!(data.get(ENTITIES) instanceof List<?> received) || received.size() != represented.size()) {
            run.errors.add(SubgraphErrors.noAnswer(fetch.subgraph(), false));
            return false;
        }
        for (int i = 0; i < received.size(); i++) {
            if (received.get(i) instanceof Map<?, ?> entity) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) entity;
                deepMerge(represented.get(i), fields);
            }
        }
        return clean;
    }

    private static boolean isBadUserInput(Map<String, Object> error) {
        return error.get("extensions") instanceof Map<?, ?> extensions
                && SafeDataFetcherExceptionHandler.BAD_USER_INPUT.equals(extensions.get("code"));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The non-null objects at a plan path ({@code "@"}: every element of a list), in response order. */
    @SuppressWarnings("unchecked")
    private static void objectsAt(Object value, List<String> path, int from, List<Map<String, Object>> into) {
        if (value == null) {
            return;
        }
        if (from == path.size()) {
            if (value instanceof Map<?, ?> object) {
                into.add((Map<String, Object>) object);
            } else if (value instanceof List<?> list) {
                list.forEach(element -> objectsAt(element, path, from, into));
            }
            return;
        }
        String step = path.get(from);
        if (step.equals("@")) {
            if (value instanceof List<?> list) {
                list.forEach(element -> objectsAt(element, path, from + 1, into));
            }
        } else if (value instanceof Map<?, ?> object) {
            objectsAt(object.get(step), path, from + 1, into);
        }
    }

    /** The response paths of the objects at a plan path, as the gateway numbers an entity fetch's errors. */
    private static void hydratedPaths(List<Object> parent, List<String> path, int from, Object data,
                                      List<List<Object>> into) {
        if (data == null) {
            return;
        }
        if (from == path.size()) {
            into.add(List.copyOf(parent));
            return;
        }
        String step = path.get(from);
        if (data instanceof List<?> list) {
            int next = step.equals("@") ? from + 1 : from;
            for (int i = 0; i < list.size(); i++) {
                parent.add(i);
                hydratedPaths(parent, path, next, list.get(i), into);
                parent.remove(parent.size() - 1);
            }
        } else if (!step.equals("@") && data instanceof Map<?, ?> object && object.containsKey(step)) {
            parent.add(step);
            hydratedPaths(parent, path, from + 1, object.get(step), into);
            parent.remove(parent.size() - 1);
        }
    }

    /**
     * An entity's representation: the selected fields under their names (a planner alias such as
     * {@code __internal_id: id} is read from the alias and sent as {@code id}); null when the entity lacks one.
     */
    private Map<String, Object> select(Map<String, Object> source, List<Selection> selections) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Selection selection : selections) {
            if (selection instanceof FieldSelection field) {
                if (!source.containsKey(field.responseName())) {
                    return null;
                }
                Object value = source.get(field.responseName());
                result.put(field.name(), field.selections().isEmpty() ? value : selectValue(value, field.selections()));
            } else if (selection instanceof FragmentSelection fragment && isOfType(source, fragment.typeCondition())) {
                Map<String, Object> selected = select(source, fragment.selections());
                if (selected != null) {
                    deepMerge(result, selected);
                }
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private Object selectValue(Object value, List<Selection> selections) {
        if (value instanceof List<?> list) {
            return list.stream().map(element -> selectValue(element, selections)).toList();
        }
        return value instanceof Map<?, ?> object ? select((Map<String, Object>) object, selections) : null;
    }

    private boolean isOfType(Map<String, Object> object, String typeCondition) {
        if (typeCondition == null) {
            return true;
        }
        if (!(object.get(TYPENAME) instanceof String typename)) {
            return false;
        }
        return typename.equals(typeCondition)
                || supergraph.possibleTypes(supergraph.compositeType(typeCondition)).contains(typename);
    }

    /** Merges a subgraph's answer into what earlier fetches got, as the gateway's deepMerge does. */
    @SuppressWarnings("unchecked")
    static void deepMerge(Map<String, Object> target, Map<String, Object> source) {
        for (Map.Entry<String, Object> entry : source.entrySet()) {
            Object incoming = entry.getValue();
            Object existing = target.get(entry.getKey());
            if (existing instanceof Map<?, ?> existingObject && incoming instanceof Map<?, ?> incomingObject) {
                deepMerge((Map<String, Object>) existingObject, (Map<String, Object>) incomingObject);
            } else if (existing instanceof List<?> existingList && incoming instanceof List<?> incomingList
                    && existingList.size() == incomingList.size()) {
                List<Object> merged = (List<Object>) existingList;
                for (int i = 0; i < incomingList.size(); i++) {
                    if (merged.get(i) instanceof Map<?, ?> a && incomingList.get(i) instanceof Map<?, ?> b) {
                        deepMerge((Map<String, Object>) a, (Map<String, Object>) b);
                    } else {
                        merged.set(i, incomingList.get(i));
                    }
                }
            } else {
                target.put(entry.getKey(), mutableCopy(incoming));
            }
        }
    }

    /** Later fetches merge into what is stored, and a transport may answer with immutable maps and lists. */
    @SuppressWarnings("unchecked")
    private static Object mutableCopy(Object value) {
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) object).forEach((key, element) -> copy.put(key, mutableCopy(element)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(mutableCopy(element)));
            return copy;
        }
        return value;
    }
}
