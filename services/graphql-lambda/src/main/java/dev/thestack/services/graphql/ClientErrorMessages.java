package dev.thestack.services.graphql;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites graphql-java's messages that speak of its own Java classes: the class a JSON value was read into
 * ("but it was a 'LinkedHashMap'"), the parser's node of a value ("with value 'StringValue{value='x'}'"), or the
 * node types a scalar accepts ("Expected an AST type of 'IntValue' but it was a 'StringValue'"). Clients get the
 * JSON kind or the GraphQL type instead, and the argument or default value without the node. Other messages pass
 * unchanged.
 */
public final class ClientErrorMessages {
    /** What Jackson reads each kind of JSON value into. */
    private static final Map<String, String> JSON_KIND_OF_JAVA_TYPE = Map.of(
            "String", "a string",
            "Integer", "an integer",
            "Long", "an integer",
            "BigInteger", "an integer",
            "Double", "a number",
            "BigDecimal", "a number",
            "Boolean", "a boolean",
            "ArrayList", "an array",
            "LinkedHashMap", "an object");
    /** What each node of graphql-java's parser is in the GraphQL language. */
    private static final Map<String, String> GRAPHQL_KIND_OF_AST_TYPE = Map.of(
            "IntValue", "an Int",
            "FloatValue", "a Float",
            "StringValue", "a String",
            "BooleanValue", "a Boolean",
            "EnumValue", "an enum value",
            "NullValue", "null",
            "ArrayValue", "a list",
            "ObjectValue", "an input object",
            "VariableReference", "a variable");

    private static final Pattern INPUT_OBJECT_NOT_MAP = Pattern.compile(
            "Expected type 'Map' but was '(\\w+)'\\. Variables for input objects must be an instance of type 'Map'\\.");
    private static final Pattern BUT_IT_WAS_JAVA_TYPE = Pattern.compile("but it was an? '(\\w+)'");
    private static final Pattern ARGUMENT_NODE = Pattern.compile(
            "(argument '[^']*') with value '.*?' (?=is not a valid|must |contains a field|is missing)");
    private static final Pattern DEFAULT_VALUE_NODE = Pattern.compile("(Bad default value) '.*?' (?=for type ')");
    private static final Pattern AST_TYPES = Pattern.compile(
            "Expected an AST type of '(\\w+)'(?: or '(\\w+)')? but it was an? '(\\w+)'");
    private static final Pattern ARTICLE = Pattern.compile("^an? ");

    private ClientErrorMessages() {
    }

    public static String forClients(String message) {
        String rewritten = INPUT_OBJECT_NOT_MAP.matcher(message)
                .replaceAll(found -> Matcher.quoteReplacement("Expected an object but got " + jsonKind(found.group(1))));
        // before the Java types: the AST message ends in the same "but it was a '...'"
        rewritten = AST_TYPES.matcher(rewritten).replaceAll(found -> Matcher.quoteReplacement(
                "Expected " + graphQLKind(found.group(1))
                        + (found.group(2) == null ? "" : " or " + ARTICLE.matcher(graphQLKind(found.group(2))).replaceFirst(""))
                        + ", got " + graphQLKind(found.group(3))));
        rewritten = BUT_IT_WAS_JAVA_TYPE.matcher(rewritten).replaceAll(found ->
                JSON_KIND_OF_JAVA_TYPE.containsKey(found.group(1))
                        ? Matcher.quoteReplacement("but it was " + jsonKind(found.group(1)))
                        : Matcher.quoteReplacement(found.group()));
        rewritten = DEFAULT_VALUE_NODE.matcher(rewritten).replaceAll("$1 ");
        return ARGUMENT_NODE.matcher(rewritten).replaceAll("$1 ");
    }

    /** The kind of JSON value (or GraphQL literal) a value was read from, with its article: "an object". */
    public static String jsonKindOf(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return "an integer";
        } else if (value instanceof Number) {
            return "a number";
        } else if (value instanceof List<?>) {
            return "an array";
        } else if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return jsonKind(value.getClass().getSimpleName());
    }

    private static String jsonKind(String javaType) {
        return JSON_KIND_OF_JAVA_TYPE.getOrDefault(javaType, "another kind of value");
    }

    private static String graphQLKind(String astType) {
        return GRAPHQL_KIND_OF_AST_TYPE.getOrDefault(astType, "another kind of value");
    }
}
