package dev.thestack.services.router;

import dev.thestack.services.graphql.ClientErrorMessages;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.graphql.QueryLimits;
import dev.thestack.services.graphql.RequestHeaders;
import dev.thestack.services.graphql.SafeDataFetcherExceptionHandler;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import dev.thestack.services.router.execution.ExecutionOutcome;
import dev.thestack.services.router.execution.PlanExecutor;
import dev.thestack.services.router.execution.ResponseShaper;
import dev.thestack.services.router.plan.FieldSelection;
import dev.thestack.services.router.plan.FragmentSelection;
import dev.thestack.services.router.plan.NormalizedOperation;
import dev.thestack.services.router.plan.OperationNormalizer;
import dev.thestack.services.router.plan.QueryPlan;
import dev.thestack.services.router.plan.QueryPlanner;
import dev.thestack.services.router.plan.Selection;
import dev.thestack.services.router.supergraph.Supergraph;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.CoercedVariables;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A federation router: validates a client's operation against the supergraph's API schema, plans it (plans are
 * cached by document, operation name and the values of its {@code @skip}/{@code @include} variables), runs the
 * plan over a {@link SubgraphTransport} and answers as {@code @apollo/gateway} 2.x would. Thread-safe; build one
 * per process with {@link #builder()}.
 *
 * <p>HTTP status, per GraphQL over HTTP with {@code application/json}: 400 when nothing ran (syntax, validation,
 * variables, limits, introspection switched off), 200 once the plan ran, whatever the subgraphs answered, and 500
 * only for a failure of the router itself, with a masked message.
 */
public final class Router {
    /** What every subgraph fetch carries from the client's request, names in lower case. */
    public static final List<String> FORWARDED_HEADERS = List.of(TenantId.HEADER, UserId.HEADER, "authorization",
            "x-amzn-trace-id");
    public static final String GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED";
    public static final String GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";
    /** What the gateway calls an operation name that picks no operation of the document. */
    public static final String INVALID_GRAPHQL = "INVALID_GRAPHQL";
    private static final int BAD_REQUEST = 400;
    private static final Logger LOG = LogManager.getLogger(Router.class);

    private final Supergraph supergraph;
    private final GraphQLSchema apiSchema;
    private final RouterLimits limits;
    private final boolean introspectionEnabled;
    private final RouterMetrics metrics;
    private final ParserOptions parserOptions;
    private final OperationNormalizer normalizer;
    private final QueryPlanner planner;
    private final PlanExecutor executor;
    private final ResponseShaper shaper;
    private final Introspection introspection;
    private final ValidationErrors validationErrors;
    private final VariableErrors variableErrors;
    private final BoundedCache<String, PreparedDocument> documents;
    private final BoundedCache<PlanKey, PreparedPlan> plans;

    private Router(Builder builder) {
        this.supergraph = Objects.requireNonNull(builder.supergraph, "supergraph");
        Objects.requireNonNull(builder.transport, "transport");
        this.apiSchema = supergraph.apiSchema();
        this.limits = builder.limits;
        this.introspectionEnabled = builder.introspection;
        this.metrics = builder.metrics;
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options
                .maxTokens(limits.maxTokens())
                .captureSourceLocation(true)
                .captureLineComments(false));
        this.normalizer = new OperationNormalizer(apiSchema);
        this.planner = new QueryPlanner(supergraph);
        this.executor = new PlanExecutor(supergraph, builder.transport, builder.fetchTimeouts, metrics::subgraphFetch);
        this.shaper = new ResponseShaper(apiSchema);
        this.introspection = new Introspection(apiSchema);
        this.validationErrors = new ValidationErrors(apiSchema);
        this.variableErrors = new VariableErrors(apiSchema);
        this.documents = new BoundedCache<>(builder.cacheSize);
        this.plans = new BoundedCache<>(builder.cacheSize);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the request to its end; see {@link #executeAsync}. */
    public GraphQLHttpResponse execute(GraphQLRequest request, Map<String, String> headers) {
        return executeAsync(request, headers).join();
    }

    /**
     * @param headers the client's request headers, names in any case; {@link #FORWARDED_HEADERS} go on to the subgraphs
     * @return never completes exceptionally: every failure is a GraphQL response
     */
    public CompletableFuture<GraphQLHttpResponse> executeAsync(GraphQLRequest request, Map<String, String> headers) {
        long start = System.nanoTime();
        CompletableFuture<GraphQLHttpResponse> response;
        try {
            response = run(request, headers);
        } catch (RequestError e) {
            response = CompletableFuture.completedFuture(rejected(e.errors));
        } catch (RuntimeException e) {
            LOG.error("The router failed a request", e);
            response = CompletableFuture.completedFuture(GraphQLHttpResponse.internalError());
        }
        return response.exceptionally(failure -> {
            LOG.error("The router failed a request", failure);
            return GraphQLHttpResponse.internalError();
        }).whenComplete((answer, ignored) -> metrics.operation(request.operationName(), System.nanoTime() - start,
                answer.hasServerErrors() || answer.body().containsKey("extensions")));
    }

    private CompletableFuture<GraphQLHttpResponse> run(GraphQLRequest request, Map<String, String> headers) {
        PreparedDocument document = documents.get(request.query(), this::prepare, () -> { });
        if (!document.errors().isEmpty()) {
            throw new RequestError(document.errors());
        }
        if (document.introspects() && !introspectionEnabled) {
            throw new RequestError(List.of(error("GraphQL introspection is not allowed here; ask for the schema"
                    + " in a development environment, where it is enabled", null, GRAPHQL_VALIDATION_FAILED)));
        }
        OperationDefinition operation = operation(document.document(), request.operationName());
        Map<String, Object> variables = coerce(operation, request.variables());
        PlanKey key = new PlanKey(request.query(), request.operationName(),
                conditionValues(document.conditionVariables(), variables));
        PreparedPlan prepared = plans.get(key, ignored -> prepare(document.document(), operation, variables),
                metrics::planCacheMiss);
        if (!prepared.limitErrors().isEmpty()) {
            throw new RequestError(prepared.limitErrors());
        }
        Map<String, Object> introspected = document.introspects()
                ? introspection.answer(prepared.plan().operation(), request.variables()) : Map.of();
        return executor.execute(prepared.plan(), request.variables(), forwarded(headers))
                .thenApply(outcome -> respond(prepared.plan(), outcome, introspected));
    }

    private GraphQLHttpResponse respond(QueryPlan plan, ExecutionOutcome outcome, Map<String, Object> introspected) {
        ResponseShaper.Shaped shaped = shaper.shape(plan.operation(), outcome.data(), introspected);
        Map<String, Object> body = new LinkedHashMap<>();
        if (!outcome.errors().isEmpty()) {
            body.put("errors", outcome.errors());
        }
        body.put("data", shaped.data());
        if (outcome.errors().isEmpty() && !shaped.errors().isEmpty()) {
            // where the gateway puts them: no fetch failed, so these errors are the subgraphs' contract breaches
            body.put("extensions", Map.of("valueCompletion", shaped.errors()));
        }
        return new GraphQLHttpResponse(200, Map.of(), body);
    }

    private PreparedDocument prepare(String query) {
        Document document;
        try {
            document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment()
                    .document(query).parserOptions(parserOptions).build());
        } catch (ParseCancelledException e) {
            return PreparedDocument.refused(error("The document has more than " + limits.maxTokens()
                    + " tokens, the most this API accepts", null, QueryLimits.QUERY_TOO_COMPLEX));
        } catch (ParseCancelledTooDeepException e) {
            return PreparedDocument.refused(error("The document nests selections, lists or objects deeper than this"
                    + " API parses", null, QueryLimits.QUERY_TOO_COMPLEX));
        } catch (InvalidSyntaxException e) {
            return PreparedDocument.refused(ValidationErrors.syntaxError(query, e));
        }
        List<ValidationError> invalid = new Validator().validateDocument(apiSchema, document, Locale.ENGLISH);
        if (!invalid.isEmpty()) {
            return new PreparedDocument(document, validationErrors.errors(query, document, invalid), false, Set.of());
        }
        return new PreparedDocument(document, List.of(), introspects(document),
                OperationNormalizer.conditionVariables(document));
    }

    private PreparedPlan prepare(Document document, OperationDefinition operation, Map<String, Object> variables) {
        NormalizedOperation normalized = normalizer.normalize(document, operation, variables);
        List<Map<String, Object>> exceeded = exceededLimits(normalized);
        return new PreparedPlan(exceeded.isEmpty() ? planner.plan(normalized) : null, exceeded);
    }

    private OperationDefinition operation(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operationName == null) {
            if (operations.size() > 1) {
                throw new RequestError(List.of(error("Must provide operation name if query contains multiple operations.",
                        null, INVALID_GRAPHQL)));
            }
            return operations.get(0);
        }
        return operations.stream().filter(candidate -> operationName.equals(candidate.getName())).findFirst()
                .orElseThrow(() -> new RequestError(List.of(error("Unknown operation named \"" + operationName + "\".",
                        null, INVALID_GRAPHQL))));
    }

    private Map<String, Object> coerce(OperationDefinition operation, Map<String, Object> variables) {
        List<Map<String, Object>> problems = variableErrors.check(operation, variables);
        if (!problems.isEmpty()) {
            throw new RequestError(problems);
        }
        try {
            CoercedVariables coerced = ValuesResolver.coerceVariableValues(apiSchema, operation.getVariableDefinitions(),
                    RawVariables.of(variables), GraphQLContext.getDefault(), Locale.ENGLISH);
            return coerced.toMap();
        } catch (RuntimeException e) {
            if (e instanceof GraphQLError problem) {
                throw new RequestError(List.of(error(ClientErrorMessages.forClients(problem.getMessage()),
                        problem.getLocations(), SafeDataFetcherExceptionHandler.BAD_USER_INPUT)));
            }
            throw e;
        }
    }

    private static String conditionValues(Set<String> conditionVariables, Map<String, Object> variables) {
        if (conditionVariables.isEmpty()) {
            return "";
        }
        StringBuilder values = new StringBuilder();
        for (String name : conditionVariables) {
            values.append(name).append('=').append(variables.get(name)).append(',');
        }
        return values.toString();
    }

    private List<Map<String, Object>> exceededLimits(NormalizedOperation operation) {
        Measure measure = new Measure();
        measure.walk(operation.selections(), 1);
        List<Map<String, Object>> exceeded = new ArrayList<>();
        if (measure.rootFields > limits.maxRootFields()) {
            exceeded.add(error("Query selects " + measure.rootFields + " root fields (aliases included), more than the limit of "
                    + limits.maxRootFields(), null, QueryLimits.QUERY_TOO_COMPLEX));
        }
        if (measure.depth > limits.maxDepth()) {
            exceeded.add(error("Query depth " + measure.depth + " exceeds the limit of " + limits.maxDepth(), null,
                    QueryLimits.QUERY_TOO_COMPLEX));
        }
        if (measure.aliases > limits.maxAliases()) {
            exceeded.add(error("Query has " + measure.aliases + " aliases, more than the limit of " + limits.maxAliases(),
                    null, QueryLimits.QUERY_TOO_COMPLEX));
        }
        return exceeded;
    }

    /** Root fields, depth and aliases of an operation as it runs; introspection is not counted, as in QueryLimits. */
    private static final class Measure {
        int rootFields;
        int depth;
        int aliases;

        void walk(List<Selection> selections, int level) {
            for (Selection selection : selections) {
                if (selection instanceof FragmentSelection fragment) {
                    walk(fragment.selections(), level);
                } else if (selection instanceof FieldSelection field && !field.name().startsWith("__")) {
                    rootFields += level == 1 ? 1 : 0;
                    depth = Math.max(depth, level);
                    aliases += field.aliased() ? 1 : 0;
                    walk(field.selections(), level + 1);
                }
            }
        }
    }

    private static boolean introspects(Node<?> node) {
        if (node instanceof Field field && Introspection.isIntrospectionField(field.getName())) {
            return true;
        }
        for (Node<?> child : node.getChildren()) {
            if (introspects(child)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> forwarded(Map<String, String> headers) {
        RequestHeaders requestHeaders = new RequestHeaders(headers, null);
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (String name : FORWARDED_HEADERS) {
            requestHeaders.value(name).ifPresent(value -> forwarded.put(name, value));
        }
        return forwarded;
    }

    private static GraphQLHttpResponse rejected(List<Map<String, Object>> errors) {
        return new GraphQLHttpResponse(BAD_REQUEST, Map.of(), Map.of("errors", errors));
    }

    static Map<String, Object> error(String message, List<SourceLocation> locations, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (locations != null && !locations.isEmpty()) {
            error.put("locations", locations.stream()
                    .map(Router::location)
                    .toList());
        }
        error.put("extensions", Map.of("code", code));
        return error;
    }

    /** In graphql-js's order, line first: clients and the reference comparison read the JSON as text. */
    private static Map<String, Object> location(SourceLocation location) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("line", location.getLine());
        json.put("column", location.getColumn());
        return json;
    }

    /** A parsed document, with what validation found wrong in it or what the router needs to know about it. */
    private record PreparedDocument(Document document, List<Map<String, Object>> errors, boolean introspects,
                                    Set<String> conditionVariables) {
        static PreparedDocument refused(Map<String, Object> error) {
            return new PreparedDocument(null, List.of(error), false, Set.of());
        }
    }

    private record PlanKey(String query, String operationName, String conditionValues) {
    }

    /** @param plan null when the operation exceeds a limit */
    private record PreparedPlan(QueryPlan plan, List<Map<String, Object>> limitErrors) {
    }

    /** The request cannot run; these errors are the whole answer, with HTTP 400. */
    private static final class RequestError extends RuntimeException {
        final List<Map<String, Object>> errors;

        RequestError(List<Map<String, Object>> errors) {
            super(null, null, false, false);
            this.errors = errors;
        }
    }

    public static final class Builder {
        private Supergraph supergraph;
        private SubgraphTransport transport;
        private RouterLimits limits = RouterLimits.DEFAULT;
        private boolean introspection;
        private FetchTimeouts fetchTimeouts = FetchTimeouts.of(FetchTimeouts.DEFAULT);
        private int cacheSize = 1_000;
        private RouterMetrics metrics = RouterMetrics.NONE;

        private Builder() {
        }

        /** The supergraph SDL as {@code @apollo/composition} writes it. */
        public Builder supergraph(String sdl) {
            return supergraph(Supergraph.parse(sdl));
        }

        public Builder supergraph(Supergraph supergraph) {
            this.supergraph = supergraph;
            return this;
        }

        public Builder transport(SubgraphTransport transport) {
            this.transport = transport;
            return this;
        }

        public Builder limits(RouterLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Whether clients may query {@code __schema} and {@code __type}; off unless enabled (never in prod). */
        public Builder introspection(boolean enabled) {
            this.introspection = enabled;
            return this;
        }

        /** How long one subgraph fetch may take before it counts as failed, the same for all (default 5 s). */
        public Builder fetchTimeout(Duration timeout) {
            return fetchTimeouts(FetchTimeouts.of(timeout));
        }

        /** How long a fetch from each subgraph may take before it counts as failed. */
        public Builder fetchTimeouts(FetchTimeouts timeouts) {
            this.fetchTimeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /** How many documents and plans are kept, each (default 1000). */
        public Builder cacheSize(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("cacheSize must be at least 1, was " + entries);
            }
            this.cacheSize = entries;
            return this;
        }

        public Builder metrics(RouterMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public Router build() {
            return new Router(this);
        }
    }
}
