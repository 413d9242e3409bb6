package dev.thestack.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads values out of a parsed YAML tree and records, instead of throwing, every problem it meets, so a user sees
 * all of them in one run. Readers return empty when a value is missing or malformed; the problem is already noted.
 */
final class YamlReader {
    private final List<Problem> problems = new ArrayList<>();

    List<Problem> problems() {
        return problems;
    }

    void problem(String path, String message, String hint) {
        problems.add(new Problem(path, message, hint));
    }

    /** The node as a mapping whose keys all belong to {@code allowed}; unknown keys are reported with the nearest known one. */
    Optional<JsonNode> mapping(JsonNode node, String path, List<String> allowed) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problem(path, "expected a mapping (key: value lines), found " + describe(node),
                    "write " + ("(root)".equals(path) ? "the file" : path) + " as keys " + String.join(", ", allowed));
            return Optional.empty();
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                problem(join("(root)".equals(path) ? "" : path, key), "unknown key '" + key + "'", suggestion(key, allowed)
                        .map(s -> "did you mean '" + s + "'? Known keys: " + String.join(", ", allowed))
                        .orElse("remove it; known keys: " + String.join(", ", allowed)));
            }
        });
        return Optional.of(node);
    }

    Optional<JsonNode> requiredMapping(JsonNode parent, String parentPath, String key, List<String> allowed) {
        JsonNode node = parent.get(key);
        String path = join(parentPath, key);
        if (node == null || node.isNull()) {
            problem(path, "missing", "add " + key + ": with keys " + String.join(", ", allowed));
            return Optional.empty();
        }
        return mapping(node, path, allowed);
    }

    /** The items of a list; absent or null is an empty list, or a problem when {@code required}. */
    List<JsonNode> list(JsonNode parent, String parentPath, String key, boolean required) {
        JsonNode node = parent.get(key);
        String path = join(parentPath, key);
        if (node == null || node.isNull()) {
            if (required) {
                problem(path, "missing", "add " + key + ": as a list of '- ' items");
            }
            return List.of();
        }
        if (!node.isArray()) {
            problem(path, "expected a list, found " + describe(node), "write each item on its own '- ' line");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        if (required && items.isEmpty()) {
            problem(path, "is empty", "add at least one item");
        }
        return items;
    }

    Optional<String> string(JsonNode parent, String parentPath, String key, boolean required) {
        JsonNode node = parent.get(key);
        String path = join(parentPath, key);
        if (node == null || node.isNull()) {
            if (required) {
                problem(path, "missing", "add " + key + ": <value>");
            }
            return Optional.empty();
        }
        return scalar(node, path, key);
    }

    /** Text or a number, read as text; YAML's yes/no/on/off booleans are refused rather than turned into "true". */
    private Optional<String> scalar(JsonNode node, String path, String key) {
        if (node.isBoolean()) {
            problem(path, "is the boolean " + node.asText() + " (YAML reads yes, no, on, off, true and false as booleans)",
                    "quote the value, e.g. " + key + ": \"no\"");
            return Optional.empty();
        }
        if (!node.isValueNode() || node.isBinary() || node.isNull()) {
            problem(path, "expected a single value, found " + describe(node), "write " + key + ": <value>");
            return Optional.empty();
        }
        String text = node.asText().trim();
        if (text.isEmpty()) {
            problem(path, "is empty", "give " + key + " a value or remove the key");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** A value that must have a format: the problem names the format, the fix says how to write it. */
    record Format(Pattern pattern, String noun, String fix) {
    }

    Optional<String> matching(JsonNode parent, String parentPath, String key, boolean required, Format format) {
        return string(parent, parentPath, key, required).filter(value -> {
            if (format.pattern().matcher(value).matches()) {
                return true;
            }
            problem(join(parentPath, key), "'" + value + "' is not " + format.noun(), format.fix());
            return false;
        });
    }

    Optional<Integer> integer(JsonNode parent, String parentPath, String key) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problem(join(parentPath, key), "expected a whole number, found " + describe(node), "write " + key + ": 30");
            return Optional.empty();
        }
        return Optional.of(node.intValue());
    }

    /** A true/false value, or {@code fallback} when absent; anything else is reported and reads as the fallback. */
    boolean bool(JsonNode parent, String parentPath, String key, boolean fallback) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(join(parentPath, key), "expected true or false, found " + describe(value), "write " + key + ": true or " + key + ": false, unquoted");
            return fallback;
        }
        return value.asBoolean();
    }

    /** A check of one list item; it reports its own problem and answers whether the item is kept. */
    @FunctionalInterface
    interface ItemCheck {
        boolean accept(String path, String value);
    }

    /** The list's values that pass {@code check}; every bad or repeated item is reported at its own index. */
    List<String> stringList(JsonNode parent, String parentPath, String key, boolean required, String what,
                            ItemCheck check) {
        List<String> values = new ArrayList<>();
        List<JsonNode> items = list(parent, parentPath, key, required);
        java.util.Map<String, Integer> firstIndex = new java.util.HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = join(parentPath, key) + "[" + i + "]";
            Optional<String> value = scalar(items.get(i), path, key);
            if (value.isEmpty() || !check.accept(path, value.get())) {
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(value.get(), i);
            if (earlier != null) {
                problem(path, what + " '" + value.get() + "' is already listed at index " + earlier, "list it once");
            } else {
                values.add(value.get());
            }
        }
        return values;
    }

    /** Reports a reference to something that does not exist, naming the nearest known name. */
    void unknownReference(String path, String what, String value, Collection<String> known) {
        String hint = suggestion(value, known).map(s -> "did you mean '" + s + "'? ").orElse("")
                + (known.isEmpty() ? "define " + article(what) + " " + what + " first" : "known " + plural(what) + ": " + String.join(", ", known));
        problem(path, "unknown " + what + " '" + value + "'", hint);
    }

    static String plural(String noun) {
        return noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    }

    static String article(String noun) {
        return "aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
    }

    static String join(String parentPath, String key) {
        return parentPath.isEmpty() ? key : parentPath + "." + key;
    }

    static Optional<String> suggestion(String value, Collection<String> known) {
        return known.stream()
                .filter(k -> distance(value.toLowerCase(), k.toLowerCase()) <= Math.max(2, k.length() / 3))
                .min(Comparator.comparingInt(k -> distance(value.toLowerCase(), k.toLowerCase())));
    }

    private static String describe(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case OBJECT -> "a mapping";
            case ARRAY -> "a list";
            case STRING -> "the text '" + node.asText() + "'";
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> "the boolean " + node.asText();
            default -> type.name().toLowerCase();
        };
    }

    /** Levenshtein distance: small, and only ever run on short key names. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
