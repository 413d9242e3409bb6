package dev.thestack.services.todo;

import com.apollographql.federation.graphqljava.Federation;
import com.apollographql.federation.graphqljava._Entity;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    private final TodoMetrics metrics;
    private final GraphQL graphQL;

    public TodoSubgraph(TodoRepository todos, TodoMetrics metrics) {
        this.todos = todos;
        this.metrics = metrics;
        this.graphQL = GraphQL.newGraphQL(schema())
                .defaultDataFetcherExceptionHandler(new SafeDataFetcherExceptionHandler())
                .instrumentation(new OperationNameRecorder())
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
        TypeDefinitionRegistry types = new SchemaParser().parse(readSdl());
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", query -> query
                        .dataFetcher("todos", env -> todos.list(tenant(env), limit(env)))
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
        metrics.todoCreated();
        return created;
    }

    /**
     * One entry per representation, in order: the todo, or null where the tenant has no todo with that id.
     * Representations of other types are answered with null and an error, as the federation spec asks.
     */
    private DataFetcherResult<List<Todo>> entities(DataFetchingEnvironment env) {
        List<Map<String, Object>> representations = env.getArgument(_Entity.argumentName);
        List<String> ids = new ArrayList<>(representations.size());
        List<GraphQLError> errors = new ArrayList<>();
        for (int index = 0; index < representations.size(); index++) {
            Map<String, Object> representation = representations.get(index);
            Object typename = representation.get("__typename");
            Object id = representation.get("id");
            if (!TODO_TYPE.equals(typename)) {
                errors.add(entityError(env, index, "This subgraph resolves only Todo entities, not " + typename));
                ids.add(null);
            } else if (!(id instanceof String todoId)) {
                errors.add(entityError(env, index, "A Todo representation needs its key field \"id\" as a string"));
                ids.add(null);
            } else {
                ids.add(todoId);
            }
        }
        Map<String, Todo> found = todos.findAll(tenant(env), ids.stream().filter(Objects::nonNull).toList());
        return DataFetcherResult.<List<Todo>>newResult()
                .data(ids.stream().map(id -> id == null ? null : found.get(id)).toList())
                .errors(errors)
                .build();
    }

    private static GraphQLError entityError(DataFetchingEnvironment env, int index, String message) {
        return SafeDataFetcherExceptionHandler.withCode(GraphqlErrorBuilder.newError(env)
                .path(env.getExecutionStepInfo().getPath().segment(index))
                .message(message), SafeDataFetcherExceptionHandler.BAD_USER_INPUT);
    }

    private static int limit(DataFetchingEnvironment env) {
        Integer limit = env.getArgument("limit");
        if (limit == null || limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT + ", but is " + limit);
        }
        return limit;
    }

    private static TenantId tenant(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(TENANT);
    }

    private static String readSdl() {
        try (InputStream sdl = TodoSubgraph.class.getResourceAsStream(SDL_RESOURCE)) {
            if (sdl == null) {
                throw new IllegalStateException(SDL_RESOURCE + " is missing from the classpath");
            }
            return new String(sdl.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SDL_RESOURCE, e);
        }
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
