package dev.thestack.services.todo;

import dev.thestack.services.graphql.ClientErrorMessages;
import dev.thestack.services.graphql.ExecutedRequest;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.graphql.InvalidInputException;
import dev.thestack.services.graphql.RejectedRequestException;
import dev.thestack.services.graphql.StrictIdScalar;
import dev.thestack.services.graphql.SubgraphEngine;
import dev.thestack.services.graphql.SubgraphSchemas;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.graphql.UserId;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.instrumentation.ServiceMetrics;
import com.apollographql.federation.graphqljava.Federation;
import com.apollographql.federation.graphqljava._Entity;
import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Todo subgraph: the SDL of {@value #SDL_RESOURCE} wired to the repository and made an Apollo Federation v2
 * subgraph, so a router can ask for {@code _service} and resolve {@code Todo} and {@code User} entities through
 * {@code _entities}. The calling user (header x-user-id) is optional for the request and required by the fields
 * that act as someone: {@code me} and {@code createTodo}.
 */
public final class TodoSubgraph {
    public static final String SDL_RESOURCE = "/todo.graphqls";
    public static final int MAX_LIMIT = 100;

    private static final String TODO_TYPE = "Todo";
    private static final String USER_TYPE = "User";

    private final TodoRepository todos;
    private final ServiceMetrics metrics;
    private final SubgraphEngine engine;

    public TodoSubgraph(TodoRepository todos, ServiceMetrics metrics) {
        this.todos = todos;
        this.metrics = metrics;
        this.engine = new SubgraphEngine(schema());
    }

    /** Runs the request for the tenant and, when known, the user; errors come back in the result, never as exceptions. */
    public ExecutedRequest execute(GraphQLRequest request, TenantId tenant, Optional<UserId> user) {
        return engine.execute(request, tenant, user);
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
                        .dataFetcher("todo", env -> todos.find(tenant(env), env.getArgument("id")).orElse(null))
                        .dataFetcher("me", env -> new User(callingUser(env, "me").value())))
                .type("Mutation", mutation -> mutation
                        .dataFetcher("createTodo", this::createTodo)
                        .dataFetcher("setTodoDone", this::setTodoDone))
                .type(TODO_TYPE, todo -> todo
                        .dataFetcher("owner", env -> new User(env.<Todo>getSource().ownerId())))
                .type(USER_TYPE, user -> user
                        .dataFetcher("todos", env -> todos.listByOwner(
                                tenant(env), new UserId(env.<User>getSource().id()), SubgraphSchemas.limit(env, MAX_LIMIT))))
                .build();
        return Federation.transform(types, wiring)
                .fetchEntities(this::entities)
                .resolveEntityType(env -> env.getSchema().getObjectType(
                        env.getObject() instanceof User ? USER_TYPE : TODO_TYPE))
                .build();
    }

    private Todo createTodo(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        String title = Todo.validTitle((String) input.get("title"));
        Todo created = todos.create(tenant(env), callingUser(env, "createTodo"), title);
        metrics.count(MetricContract.TODO_CREATED);
        return created;
    }

    private Todo setTodoDone(DataFetchingEnvironment env) {
        boolean done = env.getArgument("done");
        return todos.setDone(tenant(env), env.getArgument("id"), done).orElseThrow(() -> new InvalidInputException(
                "setTodoDone: the tenant has no todo with this id; ask Query.todos for the ids of its todos"));
    }

    /**
     * One entry per representation, in order: the todo (null where the tenant has no todo with that id) or the
     * user (any valid id is a user, with no todos yet if it created none). A representation that is neither (another
     * type, or not even an object: {@code _Any} lets any value through) is answered with null and an error at its
     * index, as the federation spec asks; the others resolve. The todos are read in one batch.
     */
    private DataFetcherResult<List<Object>> entities(DataFetchingEnvironment env) {
        List<?> representations = env.getArgument(_Entity.argumentName);
        List<Object> references = new ArrayList<>(representations.size());
        List<String> todoIds = new ArrayList<>();
        List<GraphQLError> errors = new ArrayList<>();
        for (int index = 0; index < representations.size(); index++) {
            try {
                Object reference = reference(representations.get(index));
                if (reference instanceof TodoReference todo) {
                    todoIds.add(todo.id());
                }
                references.add(reference);
            } catch (InvalidInputException e) {
                errors.add(SubgraphSchemas.representationError(env, index, e.getMessage()));
                references.add(null);
            }
        }
        Map<String, Todo> found = todos.findAll(tenant(env), todoIds);
        List<Object> entities = new ArrayList<>(references.size());
        for (Object reference : references) {
            entities.add(reference instanceof TodoReference todo ? found.get(todo.id()) : reference);
        }
        return DataFetcherResult.<List<Object>>newResult().data(entities).errors(errors).build();
    }

    /** A Todo representation, to be read from the table. */
    private record TodoReference(String id) {
    }

    /** What a representation refers to; for anything this subgraph cannot resolve, the refusal says why. */
    private static Object reference(Object representation) {
        if (!(representation instanceof Map<?, ?> fields)) {
            throw new InvalidInputException("A representation must be an object with \"__typename\" and the key"
                    + " fields, not " + ClientErrorMessages.jsonKindOf(representation));
        }
        if (!(fields.get("__typename") instanceof String typename)) {
            throw new InvalidInputException("A representation needs \"__typename\" as a string");
        }
        if (!TODO_TYPE.equals(typename) && !USER_TYPE.equals(typename)) {
            throw new InvalidInputException("This subgraph resolves only Todo and User entities, not " + typename);
        }
        if (!(fields.get("id") instanceof String id)) {
            throw new InvalidInputException("A " + typename + " representation needs its key field \"id\" as a string");
        }
        if (TODO_TYPE.equals(typename)) {
            return new TodoReference(id);
        }
        try {
            return new User(new UserId(id).value());
        } catch (RejectedRequestException e) {
            throw new InvalidInputException("A User representation's \"id\" must be 1 to 128 letters, digits or"
                    + " the characters . _ : @ -");
        }
    }

    private static TenantId tenant(DataFetchingEnvironment env) {
        return SubgraphEngine.tenant(env);
    }

    private static UserId callingUser(DataFetchingEnvironment env, String field) {
        return SubgraphEngine.user(env).orElseThrow(() -> new InvalidInputException(field
                + " acts as the calling user: send the " + UserId.HEADER + " header naming them"));
    }
}
