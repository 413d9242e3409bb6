package dev.thestack.services.router.supergraph;

import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLUnionType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A federated supergraph as the router plans from it: the subgraphs, which subgraph knows which type and field
 * (the join directives), the entity keys, and two schemas — the whole supergraph (every type and field, those
 * hidden with {@code @inaccessible} included, for planning) and the API schema clients validate and introspect
 * against. Immutable; read it once with {@link #parse} or {@link #fromClasspath}.
 */
public final class Supergraph {
    /** Where the supergraph module puts the composed supergraph on the classpath. */
    public static final String CLASSPATH_RESOURCE = "/supergraph.graphql";

    private final String sdl;
    private final List<Subgraph> subgraphs;
    private final GraphQLSchema schema;
    private final GraphQLSchema apiSchema;
    private final Map<String, Set<String>> graphsOfType;
    private final Map<String, List<EntityKey>> keysOfType;
    private final Map<String, Map<String, List<FieldJoin>>> fieldJoins;
    private final Map<String, Map<String, Set<String>>> possibleTypesByGraph;

    Supergraph(String sdl, List<Subgraph> subgraphs, GraphQLSchema schema, GraphQLSchema apiSchema,
               Map<String, Set<String>> graphsOfType, Map<String, List<EntityKey>> keysOfType,
               Map<String, Map<String, List<FieldJoin>>> fieldJoins,
               Map<String, Map<String, Set<String>>> possibleTypesByGraph) {
        this.sdl = sdl;
        this.subgraphs = List.copyOf(subgraphs);
        this.schema = schema;
        this.apiSchema = apiSchema;
        this.graphsOfType = Map.copyOf(graphsOfType);
        this.keysOfType = Map.copyOf(keysOfType);
        this.fieldJoins = Map.copyOf(fieldJoins);
        this.possibleTypesByGraph = Map.copyOf(possibleTypesByGraph);
    }

    /** Reads a supergraph SDL as {@code @apollo/composition} writes it (link v1.0, join v0.3 to v0.5). */
    public static Supergraph parse(String sdl) {
        return new SupergraphReader(sdl).read();
    }

    /** The supergraph composed at build time by the supergraph module. */
    public static Supergraph fromClasspath() {
        try (InputStream in = Supergraph.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing from the classpath (the supergraph module builds it)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CLASSPATH_RESOURCE, e);
        }
    }

    public String sdl() {
        return sdl;
    }

    /** In the order of the {@code join__Graph} enum. */
    public List<Subgraph> subgraphs() {
        return subgraphs;
    }

    /** Every type and field of the supergraph, for planning: field types, possible types, arguments. */
    public GraphQLSchema schema() {
        return schema;
    }

    /** What clients see: the join and link machinery and everything {@code @inaccessible} removed. */
    public GraphQLSchema apiSchema() {
        return apiSchema;
    }

    /** The subgraphs that define the type. */
    public Set<String> graphsOf(String typeName) {
        return graphsOfType.getOrDefault(typeName, Set.of());
    }

    public boolean typeInGraph(String typeName, String graph) {
        return graphsOf(typeName).contains(graph);
    }

    /** The keys by which the type can be fetched from the subgraph as an entity (resolvable ones only). */
    public List<EntityKey> resolvableKeys(String typeName, String graph) {
        return keysOfType.getOrDefault(typeName, List.of()).stream()
                .filter(key -> key.graph().equals(graph) && key.resolvable())
                .toList();
    }

    /**
     * How each subgraph knows the field: its {@code @join__field}s, or, where it has none, one plain entry for every
     * subgraph of its type.
     */
    public List<FieldJoin> joinsOf(String typeName, String fieldName) {
        List<FieldJoin> explicit = fieldJoins.getOrDefault(typeName, Map.of()).get(fieldName);
        if (explicit != null) {
            return explicit;
        }
        return graphsOf(typeName).stream().map(graph -> new FieldJoin(graph, false, null, null, false)).toList();
    }

    public Optional<FieldJoin> joinOf(String typeName, String fieldName, String graph) {
        return joinsOf(typeName, fieldName).stream().filter(join -> join.graph().equals(graph)).findFirst();
    }

    /** The fields the subgraph needs in the representation to resolve the field, or null. */
    public SelectionSet requiresOf(String typeName, String fieldName, String graph) {
        return joinOf(typeName, fieldName, graph).map(FieldJoin::requires).orElse(null);
    }

    public GraphQLCompositeType compositeType(String typeName) {
        GraphQLType type = schema.getType(typeName);
        if (!(type instanceof GraphQLCompositeType composite)) {
            throw new IllegalArgumentException(typeName + " is not an object, interface or union type of the supergraph");
        }
        return composite;
    }

    public GraphQLFieldDefinition field(GraphQLCompositeType parent, String fieldName) {
        if (parent instanceof GraphQLFieldsContainer container && container.getFieldDefinition(fieldName) != null) {
            return container.getFieldDefinition(fieldName);
        }
        throw new IllegalArgumentException("no field " + fieldName + " on " + parent.getName());
    }

    /** The object types an abstract type (or an object type itself) can be, in the whole supergraph. */
    public Set<String> possibleTypes(GraphQLCompositeType type) {
        Set<String> names = new LinkedHashSet<>();
        if (type instanceof GraphQLObjectType object) {
            names.add(object.getName());
        } else if (type instanceof GraphQLUnionType union) {
            union.getTypes().forEach(member -> names.add(member.getName()));
        } else if (type instanceof GraphQLInterfaceType anInterface) {
            schema.getImplementations(anInterface).forEach(object -> names.add(object.getName()));
        }
        return names;
    }

    /**
     * The object types an abstract type can be in one subgraph ({@code @join__unionMember}, {@code @join__implements}):
     * only these can come back from it, and only these may appear as type conditions in what it is sent.
     */
    public Set<String> possibleTypes(GraphQLCompositeType type, String graph) {
        if (type instanceof GraphQLObjectType object) {
            return typeInGraph(object.getName(), graph) ? Set.of(object.getName()) : Set.of();
        }
        Map<String, Set<String>> byGraph = possibleTypesByGraph.get(type.getName());
        if (byGraph == null) {
            Set<String> names = new LinkedHashSet<>(possibleTypes(type));
            names.removeIf(name -> !typeInGraph(name, graph));
            return names;
        }
        return byGraph.getOrDefault(graph, Set.of());
    }
}
