package dev.thestack.services.todo;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites graphql-java's messages about values of the wrong type, which name the Java class the JSON value was
 * read into ("but it was a 'LinkedHashMap'") or print the parser's node ("with value 'StringValue{value='x'}'").
 * Clients get the JSON kind instead, and the argument's name without the node. Other messages pass unchanged.
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

    private static final Pattern INPUT_OBJECT_NOT_MAP = Pattern.compile(
            "Expected type 'Map' but was '(\\w+)'\\. Variables for input objects must be an instance of type 'Map'\\.");
    private static final Pattern BUT_IT_WAS_JAVA_TYPE = Pattern.compile("but it was an? '(\\w+)'");
    private static final Pattern ARGUMENT_NODE = Pattern.compile(
            "(argument '[^']*') with value '.*?' (?=is not a valid|must |contains a field|is missing)");

    private ClientErrorMessages() {
    }

    public static String forClients(String message) {
        String rewritten = INPUT_OBJECT_NOT_MAP.matcher(message)
                .replaceAll(found -> Matcher.quoteReplacement("Expected an object but got " + jsonKind(found.group(1))));
        rewritten = BUT_IT_WAS_JAVA_TYPE.matcher(rewritten).replaceAll(found ->
                JSON_KIND_OF_JAVA_TYPE.containsKey(found.group(1))
                        ? Matcher.quoteReplacement("but it was " + jsonKind(found.group(1)))
                        : Matcher.quoteReplacement(found.group()));
        return ARGUMENT_NODE.matcher(rewritten).replaceAll("$1 ");
    }

    private static String jsonKind(String javaType) {
        return JSON_KIND_OF_JAVA_TYPE.getOrDefault(javaType, "another kind of value");
    }
}
