package dev.thestack.services.todo;

import dev.thestack.services.graphql.ClientErrorMessages;
import dev.thestack.services.graphql.ExecutedRequest;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.graphql.InvalidInputException;
import dev.thestack.services.graphql.QueryLimits;
import dev.thestack.services.graphql.SafeDataFetcherExceptionHandler;
import dev.thestack.services.graphql.StrictIdScalar;
import dev.thestack.services.graphql.SubgraphSchemas;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.instrumentation.ServiceMetrics;
import com.apollographql.federation.graphqljava.Federation;
import com.apollographql.federation.graphqljava._Entity;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Todo subgraph: the SDL of {@value #SDL_RESOURCE} wired to the repository and made an Apollo Federation v2
 * subgraph, so a router can ask for {@code _service} and resolve {@code Todo} entities through {@code _entities}.
 */
public final class TodoSubgraph {
    public static final String SDL_RESOURCE = "/todo.graphqls";
    public static final int MAX_LIMIT = 100;

    private static final String TODO_TYPE = "Todo";
    private static final String TENANT = "tenant";
    private static final String OPERATION_NAME = "operationName";

    private final TodoRepository todos;
    private final ServiceMetrics metrics;
    private final GraphQL graphQL;

    public TodoSubgraph(TodoRepository todos, ServiceMetrics metrics) {
        this.todos = todos;
        this.metrics = metrics;
        this.graphQL = GraphQL.newGraphQL(schema())
                .defaultDataFetcherExceptionHandler(new SafeDataFetcherExceptionHandler())
                // the name first, so that an operation refused by the limits is still logged by its name
                .instrumentation(new ChainedInstrumentation(new OperationNameRecorder(), new QueryLimits()))
                .build();
    }

    /** Runs the request for the tenant; errors come back in the result, never as exceptions. */
    public ExecutedRequest execute(GraphQLRequest request, TenantId tenant) {
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(request.query())
                .variables(request.variables())
                .operationName(request.operationName())
                .graphQLContext(Map.of(TENANT, tenant))
                .build();
        ExecutionResult result = graphQL.execute(input);
        String operationName = input.getGraphQLContext().getOrDefault(OPERATION_NAME, request.operationName());
        return new ExecutedRequest(result, operationName);
    }

    private GraphQLSchema schema() {
        TypeDefinitionRegistry types =
                new SchemaParser().parse(SubgraphSchemas.sdl(TodoSubgraph.class, SDL_RESOURCE));
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                // replacing a built-in scalar is what strict mode (on by default) exists to refuse, so only here
                .strictMode(false)
                .scalar(StrictIdScalar.ID)
                .strictMode(true)
                .type("Query", query -> query
                        .dataFetcher("todos", env -> todos.list(tenant(env), SubgraphSchemas.limit(env, MAX_LIMIT)))
                        .dataFetcher("todo", env -> todos.find(tenant(env), env.getArgument("id")).orElse(null)))
                .type("Mutation", mutation -> mutation
                        .dataFetcher("createTodo", this::createTodo))
                .build();
        return Federation.transform(types, wiring)
                .fetchEntities(this::entities)
                .resolveEntityType(env -> env.getObject() instanceof Todo ? env.getSchema().getObjectType(TODO_TYPE) : null)
                .build();
    }

    private Todo createTodo(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        Todo created = todos.create(tenant(env), Todo.validTitle((String) input.get("title")));
        metrics.count(MetricContract.TODO_CREATED);
        return created;
    }

    /**
     * One entry per representation, in order: the todo, or null where the tenant has no todo with that id.
     * A representation that is not a Todo's (another type, or not even an object: {@code _Any} lets any value
     * through) is answered with null and an error at its index, as the federation spec asks; the others resolve.
     */
    private DataFetcherResult<List<Todo>> entities(DataFetchingEnvironment env) {
        List<?> representations = env.getArgument(_Entity.argumentName);
        List<String> ids = new ArrayList<>(representations.size());
        List<GraphQLError> errors = new ArrayList<>();
        for (int index = 0; index < representations.size(); index++) {
            try {
                ids.add(todoId(representations.get(index)));
            } catch (InvalidInputException e) {
                errors.add(SubgraphSchemas.representationError(env, index, e.getMessage()));
                ids.add(null);
            }
        }
        Map<String, Todo> found = todos.findAll(tenant(env), ids.stream().filter(Objects::nonNull).toList());
        return DataFetcherResult.<List<Todo>>newResult()
                .data(ids.stream().map(id -> id == null ? null : found.get(id)).toList())
                .errors(errors)
                .build();
    }

    /** The id of a Todo representation; for anything else, the refusal says what is wrong with it. */
    private static String todoId(Object representation) {
        if (!(representation instanceof Map<?, ?> fields)) {
            throw new InvalidInputException("A representation must be an object with \"__typename\" and the key"
                    + " fields, not " + ClientErrorMessages.jsonKindOf(representation));
        }
        if (!(fields.get("__typename") instanceof String typename)) {
            throw new InvalidInputException("A representation needs \"__typename\" as a string");
        }
        if (!TODO_TYPE.equals(typename)) {
            throw new InvalidInputException("This subgraph resolves only Todo entities, not " + typename);
        }
        if (!(fields.get("id") instanceof String id)) {
            throw new InvalidInputException("A Todo representation needs its key field \"id\" as a string");
        }
        return id;
    }

    private static TenantId tenant(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(TENANT);
    }

    /**
     * Notes the name of the operation that runs, which a client need not send as {@code operationName} when
     * the document holds a single named operation.
     */
    private static final class OperationNameRecorder extends SimplePerformantInstrumentation {
        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            String name = parameters.getExecutionContext().getOperationDefinition().getName();
            if (name != null) {
                parameters.getExecutionContext().getGraphQLContext().put(OPERATION_NAME, name);
            }
            return SimpleInstrumentationContext.noOp();
        }
    }
}
