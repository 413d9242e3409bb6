package dev.thestack.services.router;

import com.apollographql.federation.graphqljava.Federation;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Todo and Media subgraphs of the real SDLs, served in-process by federation-jvm over a few todos, one user and
 * their attachments; every request is recorded. A subgraph's answers can be replaced to play a broken subgraph.
 *
 * <p>Data: todo 1 "Write the plan" (open) with attachments a1 (an image, READY) and a2 (a video, PROCESSING);
 * todo 2 "Ship it" (done), no attachments; both owned by user u1, who uploaded a1 and a2.
 */
final class InProcessSubgraphs implements SubgraphTransport {
    private final Map<String, GraphQL> subgraphs = new LinkedHashMap<>();
    private final Map<String, Function<SubgraphRequest, CompletableFuture<SubgraphResponse>>> overrides =
            new ConcurrentHashMap<>();
    private final List<SubgraphRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Map<String, Object>> todos = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> attachments = new LinkedHashMap<>();

    InProcessSubgraphs() {
        todos.put("1", todo("1", "Write the plan", false));
        todos.put("2", todo("2", "Ship it", true));
        attachments.put("a1", attachment("a1", "1", "plan.png", "IMAGE", "READY"));
        attachments.put("a2", attachment("a2", "1", "demo.mp4", "VIDEO", "PROCESSING"));
        subgraphs.put("todo", GraphQL.newGraphQL(todoSchema()).build());
        subgraphs.put("media", GraphQL.newGraphQL(mediaSchema()).build());
    }

    @Override
    public CompletableFuture<SubgraphResponse> fetch(SubgraphRequest request) {
        requests.add(request);
        Function<SubgraphRequest, CompletableFuture<SubgraphResponse>> override = overrides.get(request.subgraph());
        if (override != null) {
            return override.apply(request);
        }
        return CompletableFuture.completedFuture(realAnswer(request));
    }

    /** From now on the subgraph answers every request this way. */
    void answer(String subgraph, Function<SubgraphRequest, CompletableFuture<SubgraphResponse>> answer) {
        overrides.put(subgraph, answer);
    }

    /** What the subgraph itself answers, for an override to alter. */
    SubgraphResponse realAnswer(SubgraphRequest request) {
        ExecutionResult result = subgraphs.get(request.subgraph()).execute(ExecutionInput.newExecutionInput()
                .query(request.query())
                .operationName(request.operationName())
                .variables(request.variables())
                .graphQLContext(Map.of("headers", request.headers()))
                .build());
        Map<String, Object> specification = result.toSpecification();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) specification.get("errors");
        return new SubgraphResponse(result.getData(), errors);
    }

    List<SubgraphRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private static Map<String, Object> todo(String id, String title, boolean done) {
        Map<String, Object> todo = new LinkedHashMap<>();
        todo.put("__typename", "Todo");
        todo.put("id", id);
        todo.put("title", title);
        todo.put("done", done);
        todo.put("createdAt", "2026-12-0" + id + "T08:00:00Z");
        todo.put("ownerId", "u1");
        return todo;
    }

    private static Map<String, Object> attachment(String id, String todoId, String fileName, String kind, String status) {
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("__typename", "Attachment");
        attachment.put("id", id);
        attachment.put("todoId", todoId);
        attachment.put("fileName", fileName);
        attachment.put("contentType", kind.equals("IMAGE") ? "image/png" : "video/mp4");
        attachment.put("kind", kind);
        attachment.put("status", status);
        attachment.put("sizeBytes", 1024);
        attachment.put("url", status.equals("READY") ? "https://media.example/" + id : null);
        attachment.put("variants", List.of());
        attachment.put("transcode", null);
        attachment.put("createdAt", "2026-12-04T08:00:00Z");
        return attachment;
    }

    private static Map<String, Object> user(String id) {
        return Map.of("__typename", "User", "id", id);
    }

    private static Map<String, Object> reference(String typename, String id) {
        return Map.of("__typename", typename, "id", id);
    }

    private graphql.schema.GraphQLSchema todoSchema() {
        DataFetcher<Object> me = env -> {
            Map<String, String> headers = env.getGraphQlContext().get("headers");
            return headers.containsKey("x-user-id") ? user(headers.get("x-user-id")) : null;
        };
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type(TypeRuntimeWiring.newTypeWiring("Query")
                        .dataFetcher("todos", env -> limited(new ArrayList<>(todos.values()), env.getArgument("limit")))
                        .dataFetcher("todo", env -> todos.get((String) env.getArgument("id")))
                        .dataFetcher("me", me))
                .type(TypeRuntimeWiring.newTypeWiring("Mutation")
                        .dataFetcher("createTodo", env -> {
                            Map<String, Object> input = env.getArgument("input");
                            String id = String.valueOf(todos.size() + 1);
                            todos.put(id, todo(id, (String) input.get("title"), false));
                            return todos.get(id);
                        })
                        .dataFetcher("setTodoDone", env -> {
                            Map<String, Object> todo = todos.get((String) env.getArgument("id"));
                            if (todo != null) {
                                todo.put("done", env.getArgument("done"));
                            }
                            return todo;
                        }))
                .type(TypeRuntimeWiring.newTypeWiring("Todo")
                        .dataFetcher("owner", env -> user((String) ((Map<?, ?>) env.getSource()).get("ownerId"))))
                .type(TypeRuntimeWiring.newTypeWiring("User")
                        .dataFetcher("todos", env -> limited(todos.values().stream()
                                .filter(todo -> todo.get("ownerId").equals(((Map<?, ?>) env.getSource()).get("id")))
                                .toList(), env.getArgument("limit"))))
                .build();
        return Federation.transform(new SchemaParser().parse(sdl("todo")), wiring)
                .fetchEntities(env -> representations(env.getArgument("representations"), representation ->
                        switch ((String) representation.get("__typename")) {
                            case "Todo" -> todos.get((String) representation.get("id"));
                            case "User" -> user((String) representation.get("id"));
                            default -> null;
                        }))
                .resolveEntityType(env -> env.getSchema().getObjectType((String) ((Map<?, ?>) env.getObject()).get("__typename")))
                .build();
    }

    private graphql.schema.GraphQLSchema mediaSchema() {
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type(TypeRuntimeWiring.newTypeWiring("Query")
                        .dataFetcher("attachment", env -> attachments.get((String) env.getArgument("id"))))
                .type(TypeRuntimeWiring.newTypeWiring("Mutation")
                        .dataFetcher("completeUpload", env -> {
                            Map<String, Object> attachment = attachments.get((String) env.getArgument("id"));
                            if (attachment == null) {
                                throw new IllegalArgumentException("No attachment " + env.getArgument("id"));
                            }
                            attachment.put("status", "READY");
                            return attachment;
                        }))
                .type(TypeRuntimeWiring.newTypeWiring("Todo")
                        .dataFetcher("attachments", env -> attachments.values().stream()
                                .filter(attachment -> attachment.get("todoId").equals(((Map<?, ?>) env.getSource()).get("id")))
                                .toList())
                        .dataFetcher("canAttach", env -> {
                            Object done = ((Map<?, ?>) env.getSource()).get("done");
                            if (done == null) {
                                throw new IllegalStateException("canAttach needs the todo's done in the representation");
                            }
                            return !(Boolean) done;
                        }))
                .type(TypeRuntimeWiring.newTypeWiring("User")
                        .dataFetcher("uploads", env -> List.copyOf(attachments.values())))
                .type(TypeRuntimeWiring.newTypeWiring("Attachment")
                        .dataFetcher("todo", env -> reference("Todo", (String) ((Map<?, ?>) env.getSource()).get("todoId")))
                        .dataFetcher("uploadedBy", env -> user("u1")))
                .build();
        return Federation.transform(new SchemaParser().parse(sdl("media")), wiring)
                .fetchEntities(env -> representations(env.getArgument("representations"), representation ->
                        switch ((String) representation.get("__typename")) {
                            case "Attachment" -> attachments.get((String) representation.get("id"));
                            // Media keeps nothing of a todo or user but what the representation holds
                            case "Todo", "User" -> representation;
                            default -> null;
                        }))
                .resolveEntityType(env -> env.getSchema().getObjectType((String) ((Map<?, ?>) env.getObject()).get("__typename")))
                .build();
    }

    private static List<Object> representations(List<Map<String, Object>> representations,
                                                Function<Map<String, Object>, Object> resolve) {
        List<Object> entities = new ArrayList<>();
        representations.forEach(representation -> entities.add(resolve.apply(representation)));
        return entities;
    }

    private static List<Map<String, Object>> limited(List<Map<String, Object>> items, Integer limit) {
        return items.subList(0, Math.min(items.size(), limit == null ? items.size() : limit));
    }

    private static String sdl(String subgraph) {
        Path path = Path.of("..", subgraph, "src", "main", "resources", subgraph + ".graphqls");
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("the tests serve the subgraph SDL " + path.toAbsolutePath(), e);
        }
    }
}
