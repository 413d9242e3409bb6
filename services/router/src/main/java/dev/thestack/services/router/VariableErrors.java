package dev.thestack.services.router;

import dev.thestack.services.router.execution.GraphQLJsText;
import graphql.language.AstPrinter;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with a request's variables, worded as graphql-js's getVariableValues words it (and so as
 * {@code @apollo/gateway} answers): {@code Variable "$limit" got invalid value "two"; Int cannot represent
 * non-integer value: "two"}. Each error points at the variable's definition.
 */
final class VariableErrors {
    private final GraphQLSchema schema;

    VariableErrors(GraphQLSchema apiSchema) {
        this.schema = apiSchema;
    }

    /** An error of graphql-js's shape for each variable that does not fit; empty when all do. */
    List<Map<String, Object>> check(OperationDefinition operation, Map<String, Object> variables) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            String name = definition.getName();
            GraphQLInputType type = inputType(definition.getType());
            if (type == null) {
                // validation refuses a variable of a type that is not an input type
                continue;
            }
            String written = AstPrinter.printAst(definition.getType());
            SourceLocation location = definition.getSourceLocation();
            List<String> problems = new ArrayList<>();
            if (!variables.containsKey(name)) {
                if (definition.getDefaultValue() == null && type instanceof GraphQLNonNull) {
                    problems.add("Variable \"$" + name + "\" of required type \"" + written + "\" was not provided.");
                }
            } else if (variables.get(name) == null && type instanceof GraphQLNonNull) {
                problems.add("Variable \"$" + name + "\" of non-null type \"" + written + "\" must not be null.");
            } else {
                coerce(variables.get(name), type, "", (path, value, message) -> problems.add("Variable \"$" + name
                        + "\" got invalid value " + GraphQLJsText.inspect(value)
                        + (path.isEmpty() ? "" : " at \"" + name + path + "\"") + "; " + message));
            }
            problems.forEach(problem -> errors.add(Router.error(problem,
                    location == null ? null : List.of(location), "BAD_USER_INPUT")));
        }
        return errors;
    }

    private interface Problems {
        void add(String path, Object value, String message);
    }

    private GraphQLInputType inputType(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            GraphQLInputType inner = inputType(nonNull.getType());
            return inner == null ? null : GraphQLNonNull.nonNull(inner);
        }
        if (type instanceof ListType list) {
            GraphQLInputType inner = inputType(list.getType());
            return inner == null ? null : GraphQLList.list(inner);
        }
        return schema.getType(((TypeName) type).getName()) instanceof GraphQLInputType input ? input : null;
    }

    /** graphql-js's coerceInputValue, reporting instead of converting. */
    private void coerce(Object value, GraphQLInputType type, String path, Problems problems) {
        if (type instanceof GraphQLNonNull nonNull) {
            if (value == null) {
                problems.add(path, null, "Expected non-nullable type \"" + GraphQLTypeUtil.simplePrint(type) + "\" not to be null.");
            } else {
                coerce(value, (GraphQLInputType) nonNull.getWrappedType(), path, problems);
            }
            return;
        }
        if (value == null) {
            return;
        }
        if (type instanceof GraphQLList list) {
            GraphQLInputType element = (GraphQLInputType) list.getWrappedType();
            if (value instanceof List<?> values) {
                for (int i = 0; i < values.size(); i++) {
                    coerce(values.get(i), element, path + "[" + i + "]", problems);
                }
            } else {
                coerce(value, element, path, problems);
            }
            return;
        }
        if (type instanceof GraphQLInputObjectType object) {
            if (!(value instanceof Map<?, ?> fields)) {
                problems.add(path, value, "Expected type \"" + object.getName() + "\" to be an object.");
                return;
            }
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                if (!fields.containsKey(field.getName())) {
                    if (!field.hasSetDefaultValue() && field.getType() instanceof GraphQLNonNull) {
                        problems.add(path, value, "Field \"" + field.getName() + "\" of required type \""
                                + GraphQLTypeUtil.simplePrint(field.getType()) + "\" was not provided.");
                    }
                    continue;
                }
                coerce(fields.get(field.getName()), field.getType(), path + "." + field.getName(), problems);
            }
            List<String> known = object.getFieldDefinitions().stream().map(GraphQLInputObjectField::getName).toList();
            for (Object name : fields.keySet()) {
                if (!known.contains(String.valueOf(name))) {
                    problems.add(path, value, "Field \"" + name + "\" is not defined by type \"" + object.getName()
                            + "\"." + GraphQLJsText.didYouMean(GraphQLJsText.suggestions(String.valueOf(name), known)));
                }
            }
            return;
        }
        if (type instanceof GraphQLEnumType anEnum) {
            List<String> names = anEnum.getValues().stream().map(GraphQLEnumValueDefinition::getName).toList();
            if (!(value instanceof String text)) {
                problems.add(path, value, "Enum \"" + anEnum.getName() + "\" cannot represent non-string value: "
                        + GraphQLJsText.inspect(value) + ".");
            } else if (!names.contains(text)) {
                problems.add(path, value, "Value \"" + text + "\" does not exist in \"" + anEnum.getName() + "\" enum."
                        + GraphQLJsText.didYouMean(GraphQLJsText.suggestions(text, names)));
            }
            return;
        }
        String scalarProblem = scalarProblem(value, (GraphQLScalarType) type);
        if (scalarProblem != null) {
            problems.add(path, value, scalarProblem);
        }
    }

    /** The built-in scalars' parseValue refusals of graphql-js; other scalars take any JSON value here. */
    private static String scalarProblem(Object value, GraphQLScalarType scalar) {
        String shown = GraphQLJsText.inspect(value);
        return switch (scalar.getName()) {
            case "Int" -> {
                if (!(value instanceof Number number) || !GraphQLJsText.isInteger(number)) {
                    yield "Int cannot represent non-integer value: " + shown;
                }
                BigDecimal exact = new BigDecimal(number.toString());
                yield exact.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                        || exact.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                        ? "Int cannot represent non 32-bit signed integer value: " + GraphQLJsText.number(number) : null;
            }
            case "Float" -> value instanceof Number number && Double.isFinite(number.doubleValue())
                    ? null : "Float cannot represent non numeric value: " + shown;
            case "String" -> value instanceof String ? null : "String cannot represent a non string value: " + shown;
            case "Boolean" -> value instanceof Boolean ? null : "Boolean cannot represent a non boolean value: " + shown;
            case "ID" -> value instanceof String || (value instanceof Number number && GraphQLJsText.isInteger(number))
                    ? null : "ID cannot represent value: " + shown;
            default -> null;
        };
    }
}
