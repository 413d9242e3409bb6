package dev.thestack.services.router.supergraph;

import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValue;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.language.Value;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a supergraph SDL into a {@link Supergraph}, refusing what the router cannot plan correctly: federation 1
 * supergraphs, {@code @interfaceObject}, progressive {@code @override} (labels), {@code @context}/{@code @fromContext},
 * connectors, and the authorization features ({@code @authenticated}, {@code @requiresScopes}, {@code @policy}),
 * which a router must enforce and this one does not.
 */
final class SupergraphReader {
    private static final Pattern SPEC_URL = Pattern.compile("https://specs\\.apollo\\.dev/([a-zA-Z_-]+)/v(\\d+)\\.(\\d+)");
    private static final Set<String> SUPPORTED_JOIN_MINORS = Set.of("3", "4", "5");
    /** Specs that change how operations execute or who may run them: planning without them would be wrong. */
    private static final Map<String, String> REFUSED_SPECS = Map.of(
            "context", "@context/@fromContext (fields that read values from an ancestor)",
            "connect", "connectors (@connect/@source: subgraphs that are REST APIs)",
            "authenticated", "@authenticated (authorization the router would have to enforce)",
            "requiresScopes", "@requiresScopes (authorization the router would have to enforce)",
            "policy", "@policy (authorization the router would have to enforce)");

    private final String sdl;
    private TypeDefinitionRegistry registry;
    private String inaccessible = "inaccessible";
    private final Map<String, Subgraph> graphsByEnum = new LinkedHashMap<>();
    private final Map<String, Set<String>> graphsOfType = new LinkedHashMap<>();
    private final Map<String, List<EntityKey>> keysOfType = new LinkedHashMap<>();
    private final Map<String, Map<String, List<FieldJoin>>> fieldJoins = new LinkedHashMap<>();
    private final Map<String, Map<String, Set<String>>> possibleTypesByGraph = new LinkedHashMap<>();

    SupergraphReader(String sdl) {
        this.sdl = sdl;
    }

    Supergraph read() {
        try {
            registry = new SchemaParser().parse(sdl);
        } catch (SchemaProblem | InvalidSyntaxException e) {
            throw new UnsupportedSupergraphException("The supergraph is not valid GraphQL SDL: " + e.getMessage());
        }
        readLinks();
        readGraphs();
        for (TypeDefinition<?> type : registry.types().values()) {
            if (isMachinery(type.getName())) {
                continue;
            }
            readTypeJoins(type);
            if (type instanceof ObjectTypeDefinition || type instanceof InterfaceTypeDefinition) {
                readFieldJoins((ImplementingTypeDefinition<?>) type);
            }
            if (type instanceof UnionTypeDefinition union) {
                readUnionMembers(union);
            }
        }
        readImplementations();
        GraphQLSchema schema;
        try {
            schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
        } catch (SchemaProblem e) {
            throw new UnsupportedSupergraphException("The supergraph is not a valid schema: " + e.getMessage());
        }
        GraphQLSchema apiSchema = new ApiSchemaBuilder(registry, inaccessible).build();
        return new Supergraph(sdl, List.copyOf(graphsByEnum.values()), schema, apiSchema, graphsOfType, keysOfType,
                fieldJoins, possibleTypesByGraph);
    }

    static boolean isMachinery(String typeName) {
        return typeName.startsWith("join__") || typeName.startsWith("link__");
    }

    private void readLinks() {
        SchemaDefinition schema = registry.schemaDefinition()
                .orElseThrow(() -> new UnsupportedSupergraphException(
                        "The SDL has no schema definition with @link directives: it is not a supergraph (compose one with @apollo/composition)"));
        boolean link = false;
        boolean join = false;
        for (Directive directive : schema.getDirectives("link")) {
            String url = string(directive, "url");
            Matcher spec = url == null ? null : SPEC_URL.matcher(url);
            if (spec == null || !spec.matches()) {
                String purpose = enumName(directive, "for");
                if (purpose != null) {
                    throw new UnsupportedSupergraphException("The supergraph links " + url + " for " + purpose
                            + "; this router does not know that feature and cannot honour it");
                }
                continue;
            }
            String name = spec.group(1);
            String version = "v" + spec.group(2) + "." + spec.group(3);
            if (REFUSED_SPECS.containsKey(name)) {
                throw new UnsupportedSupergraphException("The supergraph uses " + REFUSED_SPECS.get(name) + " (@link "
                        + url + "), which this router does not support; remove it from the subgraphs or use Apollo's router");
            }
            switch (name) {
                case "link" -> link = true;
                case "join" -> {
                    if (!spec.group(2).equals("0") || !SUPPORTED_JOIN_MINORS.contains(spec.group(3))) {
                        throw new UnsupportedSupergraphException("The supergraph uses join " + version
                                + "; this router reads join v0.3 to v0.5 (federation 2 composition)");
                    }
                    if (string(directive, "as") != null) {
                        throw new UnsupportedSupergraphException("The supergraph renames the join spec (@link(as:)); this router reads it under its own name only");
                    }
                    join = true;
                }
                case "inaccessible" -> {
                    String as = string(directive, "as");
                    inaccessible = as == null ? "inaccessible" : as;
                }
                default -> {
                    String purpose = enumName(directive, "for");
                    if (purpose != null) {
                        throw new UnsupportedSupergraphException("The supergraph links " + url + " for " + purpose
                                + "; this router does not know that feature and cannot honour it");
                    }
                }
            }
        }
        if (!link || !join) {
            throw new UnsupportedSupergraphException("The SDL does not link the link v1.0 and join specs: it is not a"
                    + " federation 2 supergraph (compose one with @apollo/composition)");
        }
    }

    private void readGraphs() {
        TypeDefinition<?> graphEnum = registry.getType("join__Graph")
                .orElseThrow(() -> new UnsupportedSupergraphException("The supergraph has no join__Graph enum: no subgraphs"));
        for (EnumValueDefinition value : ((EnumTypeDefinition) graphEnum).getEnumValueDefinitions()) {
            Directive graph = value.getDirectives("join__graph").stream().findFirst()
                    .orElseThrow(() -> new UnsupportedSupergraphException("join__Graph." + value.getName() + " has no @join__graph"));
            graphsByEnum.put(value.getName(), new Subgraph(string(graph, "name"), string(graph, "url"), value.getName()));
        }
        if (graphsByEnum.isEmpty()) {
            throw new UnsupportedSupergraphException("The supergraph's join__Graph enum is empty: no subgraphs");
        }
    }

    private void readTypeJoins(TypeDefinition<?> type) {
        Set<String> graphs = new LinkedHashSet<>();
        for (Directive directive : type.getDirectives("join__type")) {
            String graph = graph(directive, type.getName());
            graphs.add(graph);
            if (Boolean.TRUE.equals(bool(directive, "isInterfaceObject"))) {
                throw new UnsupportedSupergraphException("Type " + type.getName() + " is an @interfaceObject in subgraph "
                        + graph + ", which this router does not support");
            }
            String key = string(directive, "key");
            if (key != null) {
                Boolean resolvable = bool(directive, "resolvable");
                keysOfType.computeIfAbsent(type.getName(), name -> new ArrayList<>()).add(new EntityKey(graph, key,
                        fieldSet(key, "@key of " + type.getName()), resolvable == null || resolvable));
            }
        }
        graphsOfType.put(type.getName(), graphs);
    }

    private void readFieldJoins(ImplementingTypeDefinition<?> type) {
        for (FieldDefinition field : type.getFieldDefinitions()) {
            List<FieldJoin> joins = new ArrayList<>();
            for (Directive directive : field.getDirectives("join__field")) {
                String where = type.getName() + "." + field.getName();
                if (directive.getArgument("contextArguments") != null) {
                    throw new UnsupportedSupergraphException("Field " + where + " takes context arguments (@fromContext),"
                            + " which this router does not support");
                }
                if (directive.getArgument("overrideLabel") != null) {
                    throw new UnsupportedSupergraphException("Field " + where + " has a progressive @override (label "
                            + string(directive, "overrideLabel") + "), which this router does not support; override it whole");
                }
                if (directive.getArgument("graph") == null) {
                    // a join__field without a graph marks a field no subgraph resolves (an @interfaceObject's)
                    continue;
                }
                String graph = graph(directive, where);
                String requires = string(directive, "requires");
                String provides = string(directive, "provides");
                joins.add(new FieldJoin(graph,
                        Boolean.TRUE.equals(bool(directive, "external")),
                        requires == null ? null : fieldSet(requires, "@requires of " + where),
                        provides == null ? null : fieldSet(provides, "@provides of " + where),
                        Boolean.TRUE.equals(bool(directive, "usedOverridden"))));
            }
            if (!field.getDirectives("join__field").isEmpty()) {
                fieldJoins.computeIfAbsent(type.getName(), name -> new LinkedHashMap<>()).put(field.getName(), List.copyOf(joins));
            }
        }
    }

    private void readUnionMembers(UnionTypeDefinition union) {
        List<Directive> members = union.getDirectives("join__unionMember");
        if (members.isEmpty()) {
            return;
        }
        Map<String, Set<String>> byGraph = new LinkedHashMap<>();
        for (Directive member : members) {
            byGraph.computeIfAbsent(graph(member, union.getName()), graph -> new LinkedHashSet<>()).add(string(member, "member"));
        }
        possibleTypesByGraph.put(union.getName(), byGraph);
    }

    /** {@code @join__implements} on objects and interfaces: which implementations each subgraph has. */
    private void readImplementations() {
        for (TypeDefinition<?> type : registry.types().values()) {
            if (!(type instanceof ObjectTypeDefinition) || isMachinery(type.getName())) {
                continue;
            }
            for (Directive implementsDirective : type.getDirectives("join__implements")) {
                String anInterface = string(implementsDirective, "interface");
                possibleTypesByGraph.computeIfAbsent(anInterface, name -> new LinkedHashMap<>())
                        .computeIfAbsent(graph(implementsDirective, type.getName()), graph -> new LinkedHashSet<>())
                        .add(type.getName());
            }
        }
    }

    private String graph(Directive directive, String where) {
        Value<?> value = directive.getArgument("graph") == null ? null : directive.getArgument("graph").getValue();
        if (!(value instanceof EnumValue graphValue) || !graphsByEnum.containsKey(graphValue.getName())) {
            throw new UnsupportedSupergraphException("@" + directive.getName() + " on " + where + " names no graph of join__Graph");
        }
        return graphsByEnum.get(graphValue.getName()).name();
    }

    static SelectionSet fieldSet(String fieldSet, String where) {
        try {
            OperationDefinition operation = (OperationDefinition) Parser.parse("{" + fieldSet + "}").getDefinitions().get(0);
            return operation.getSelectionSet();
        } catch (InvalidSyntaxException e) {
            throw new UnsupportedSupergraphException("The field set \"" + fieldSet + "\" of the " + where + " is not a selection: " + e.getMessage());
        }
    }

    private static String string(Directive directive, String name) {
        Argument argument = directive.getArgument(name);
        return argument != null && argument.getValue() instanceof StringValue value ? value.getValue() : null;
    }

    private static String enumName(Directive directive, String name) {
        Argument argument = directive.getArgument(name);
        return argument != null && argument.getValue() instanceof EnumValue value ? value.getName() : null;
    }

    private static Boolean bool(Directive directive, String name) {
        Argument argument = directive.getArgument(name);
        return argument != null && argument.getValue() instanceof BooleanValue value ? value.isValue() : null;
    }
}
