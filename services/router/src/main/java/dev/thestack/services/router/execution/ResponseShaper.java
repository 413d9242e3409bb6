package dev.thestack.services.router.execution;

import dev.thestack.services.router.plan.FieldSelection;
import dev.thestack.services.router.plan.FragmentSelection;
import dev.thestack.services.router.plan.NormalizedOperation;
import dev.thestack.services.router.plan.Selection;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shapes the merged subgraph data into the client's response as {@code @apollo/gateway} 2.x does
 * (resultShaping.js): the client's fields in its order under its aliases, nothing the planner added, a null in a
 * non-null position nulling the nearest nullable parent, and values of the wrong type nulled. Each such problem is
 * an error with code {@value #INVALID_GRAPHQL}, which the gateway reports only when no fetch failed (then the
 * fetch's errors say why).
 */
public final class ResponseShaper {
    public static final String INVALID_GRAPHQL = "INVALID_GRAPHQL";
    private static final String TYPENAME = "__typename";
    /** Marks a response name the output has no value for yet (JSON null is a value). */
    private static final Object ABSENT = new Object();

    private final GraphQLSchema schema;

    public ResponseShaper(GraphQLSchema apiSchema) {
        this.schema = apiSchema;
    }

    /**
     * @param data   null when the response has no data at all
     * @param errors the shaping's own errors ({@value #INVALID_GRAPHQL})
     */
    public record Shaped(Map<String, Object> data, List<Map<String, Object>> errors) {
    }

    /** @param introspection the answers to the operation's root {@code __schema} and {@code __type} fields, by response name */
    public Shaped shape(NormalizedOperation operation, Map<String, Object> input, Map<String, Object> introspection) {
        Shaping shaping = new Shaping(introspection);
        Map<String, Object> output = new LinkedHashMap<>();
        GraphQLObjectType root = (GraphQLObjectType) schema.getType(operation.rootType());
        boolean ok = shaping.applySelections(input, operation.selections(), output, new ArrayList<>(), root);
        return new Shaped(ok ? output : null, shaping.errors);
    }

    private record Update(Object value, boolean invalid, boolean hasErrors) {
        static Update of(Object value) {
            return new Update(value, false, false);
        }
    }

    private final class Shaping {
        final Map<String, Object> introspection;
        final List<Map<String, Object>> errors = new ArrayList<>();

        Shaping(Map<String, Object> introspection) {
            this.introspection = introspection;
        }

        /** @return false when a null must bubble up to the parent */
        boolean applySelections(Map<String, Object> input, List<Selection> selections, Map<String, Object> output,
                                List<Object> path, GraphQLCompositeType parentType) {
            for (Selection selection : selections) {
                if (selection instanceof FragmentSelection fragment) {
                    Object typename = input.get(TYPENAME);
                    if (conditionApplies(fragment.typeCondition(), typename, parentType)) {
                        GraphQLCompositeType type = fragment.typeCondition() == null
                                ? parentType : (GraphQLCompositeType) schema.getType(fragment.typeCondition());
                        if (!applySelections(input, fragment.selections(), output, path, type)) {
                            return false;
                        }
                    }
                    continue;
                }
                FieldSelection field = (FieldSelection) selection;
                String responseName = field.responseName();
                if (field.name().equals("__schema") || field.name().equals("__type")) {
                    output.putIfAbsent(responseName, introspection.get(responseName));
                    continue;
                }
                Object inputValue = input.get(responseName);
                if (field.name().equals(TYPENAME)) {
                    if (!output.containsKey(responseName)) {
                        if (inputValue == null && !responseName.equals(TYPENAME)) {
                            inputValue = input.get(TYPENAME);
                        }
                        GraphQLType type = inputValue instanceof String name && schema.getType(name) != null
                                ? schema.getType(name) : parentType;
                        if (!(type instanceof GraphQLObjectType object)) {
                            return false;
                        }
                        output.put(responseName, object.getName());
                    }
                    continue;
                }
                GraphQLFieldDefinition definition = parentType instanceof GraphQLFieldsContainer container
                        ? container.getFieldDefinition(field.name()) : null;
                if (definition == null) {
                    // validation admits no such selection; nothing to shape
                    continue;
                }
                path.add(responseName);
                Update update = update(output.containsKey(responseName) ? output.get(responseName) : ABSENT,
                        definition.getType(), inputValue, field.selections(), path, parentType);
                output.put(responseName, update.value());
                path.remove(path.size() - 1);
                if (update.invalid()) {
                    return false;
                }
            }
            return true;
        }

        @SuppressWarnings("unchecked")
        Update update(Object outputValue, GraphQLOutputType type, Object inputValue, List<Selection> selections,
                      List<Object> path, GraphQLCompositeType parentType) {
            if (outputValue == null || (outputValue != ABSENT && selections.isEmpty())) {
                return Update.of(outputValue);
            }
            if (type instanceof GraphQLNonNull nonNull) {
                GraphQLOutputType inner = (GraphQLOutputType) nonNull.getWrappedType();
                Update update = update(outputValue, inner, inputValue, selections, path, parentType);
                if (update.value() == null) {
                    if (!update.hasErrors()) {
                        error("Cannot return null for non-nullable " + describe(path, inner, parentType) + ".", path);
                    }
                    return new Update(null, true, true);
                }
                return Update.of(update.value());
            }
            if (inputValue == null) {
                return Update.of(null);
            }
            if (type instanceof GraphQLList list) {
                List<Object> outputList = outputValue instanceof List<?> existing ? (List<Object>) existing : null;
                if (!(inputValue instanceof List<?> inputList)
                        || (outputList != null && outputList.size() != inputList.size())) {
                    return invalidValue(path, type, parentType);
                }
                GraphQLOutputType element = (GraphQLOutputType) list.getWrappedType();
                List<Object> updated = new ArrayList<>(inputList.size());
                boolean nullify = false;
                boolean hasErrors = false;
                for (int i = 0; i < inputList.size(); i++) {
                    path.add(i);
                    Update update = update(outputList == null ? ABSENT : outputList.get(i), element, inputList.get(i),
                            selections, path, parentType);
                    path.remove(path.size() - 1);
                    nullify |= update.invalid();
                    hasErrors |= update.hasErrors();
                    updated.add(update.value());
                }
                return new Update(nullify ? null : updated, false, hasErrors);
            }
            if (type instanceof GraphQLCompositeType composite) {
                if (!(inputValue instanceof Map<?, ?> inputObject)) {
                    return invalidValue(path, type, parentType);
                }
                Object typename = inputObject.get(TYPENAME);
                GraphQLCompositeType objectType = composite;
                if (typename != null) {
                    GraphQLType named = typename instanceof String name ? schema.getType(name) : null;
                    if (!(named instanceof GraphQLCompositeType typenameType)) {
                        error("Invalid __typename found for object at " + describe(path, type, parentType) + ".", path);
                        return new Update(null, false, true);
                    }
                    objectType = typenameType;
                }
                Map<String, Object> output = outputValue instanceof Map<?, ?> existing
                        ? (Map<String, Object>) existing : new LinkedHashMap<>();
                boolean ok = applySelections((Map<String, Object>) inputObject, selections, output, path, objectType);
                return new Update(ok ? output : null, false, !ok);
            }
            if (!validLeaf(inputValue, (GraphQLNamedType) type)) {
                return invalidValue(path, type, parentType);
            }
            return Update.of(inputValue);
        }

        private Update invalidValue(List<Object> path, GraphQLType type, GraphQLCompositeType parentType) {
            error("Invalid value found for " + describe(path, type, parentType) + ".", path);
            return new Update(null, false, true);
        }

        private void error(String message, List<Object> path) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", message);
            error.put("path", List.copyOf(path));
            error.put("extensions", Map.of("code", INVALID_GRAPHQL));
            errors.add(error);
        }
    }

    private boolean conditionApplies(String condition, Object typename, GraphQLCompositeType parentType) {
        if (condition == null) {
            return true;
        }
        GraphQLType conditionType = schema.getType(condition);
        if (typename instanceof String name) {
            GraphQLType type = schema.getType(name);
            return type != null && isSubtype(conditionType, type);
        }
        return isSubtype(conditionType, parentType);
    }

    private boolean isSubtype(GraphQLType maybeSuper, GraphQLType type) {
        if (maybeSuper == null || type == null) {
            return false;
        }
        if (((GraphQLNamedType) maybeSuper).getName().equals(((GraphQLNamedType) type).getName())) {
            return true;
        }
        return type instanceof GraphQLObjectType object && maybeSuper instanceof GraphQLCompositeType abstractType
                && !(maybeSuper instanceof GraphQLObjectType)
                && schema.isPossibleType((GraphQLNamedType) abstractType, object);
    }

    /** The same rules as the gateway's isValidLeafValue: JSON kinds per built-in scalar, enum values by name. */
    private static boolean validLeaf(Object value, GraphQLNamedType type) {
        if (type instanceof GraphQLScalarType scalar && !isBuiltIn(scalar)) {
            return true;
        }
        if (value instanceof Boolean) {
            return type.getName().equals("Boolean");
        }
        if (value instanceof Number number) {
            String name = type.getName();
            if (name.equals("Int") || name.equals("ID")) {
                return GraphQLJsText.isInteger(number);
            }
            return name.equals("Float") && Double.isFinite(number.doubleValue());
        }
        if (value instanceof String text) {
            if (type instanceof GraphQLEnumType anEnum) {
                return anEnum.getValue(text) != null;
            }
            String name = type.getName();
            return !name.equals("Boolean") && !name.equals("Int") && !name.equals("Float");
        }
        return false;
    }

    private static boolean isBuiltIn(GraphQLScalarType scalar) {
        return switch (scalar.getName()) {
            case "String", "Int", "Float", "Boolean", "ID" -> true;
            default -> false;
        };
    }

    private static String describe(List<Object> path, GraphQLType type, GraphQLCompositeType parentType) {
        Object last = path.get(path.size() - 1);
        return last instanceof String name
                ? "field " + parentType.getName() + "." + name
                : "array element of type " + GraphQLTypeUtil.simplePrint(type) + " at index " + last;
    }
}
