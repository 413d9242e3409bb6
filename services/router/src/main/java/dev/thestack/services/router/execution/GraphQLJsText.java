package dev.thestack.services.router.execution;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * graphql-js's ways of writing values and suggestions into error messages (jsutils inspect, suggestionList and
 * didYouMean of graphql 16), and its notion of an integer, so the router's errors read exactly as
 * {@code @apollo/gateway}'s do.
 */
public final class GraphQLJsText {
    private static final int MAX_ARRAY_LENGTH = 10;
    private static final int MAX_RECURSIVE_DEPTH = 2;
    private static final int MAX_SUGGESTIONS = 5;

    private GraphQLJsText() {
    }

    /** A JSON value as graphql-js's inspect prints it: {@code "two"}, {@code { a: 1 }}, {@code [1, 2]}. */
    public static String inspect(Object value) {
        return inspect(value, 0);
    }

    private static String inspect(Object value, int depth) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return quote(text);
        }
        if (value instanceof Number number) {
            return number(number);
        }
        if (value instanceof Map<?, ?> object) {
            if (object.isEmpty()) {
                return "{}";
            }
            if (depth + 1 > MAX_RECURSIVE_DEPTH) {
                return "[Object]";
            }
            List<String> properties = new ArrayList<>();
            object.forEach((key, element) -> properties.add(key + ": " + inspect(element, depth + 1)));
            return "{ " + String.join(", ", properties) + " }";
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            if (depth + 1 > MAX_RECURSIVE_DEPTH) {
                return "[Array]";
            }
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Math.min(MAX_ARRAY_LENGTH, list.size()); i++) {
                items.add(inspect(list.get(i), depth + 1));
            }
            int remaining = list.size() - items.size();
            if (remaining == 1) {
                items.add("... 1 more item");
            } else if (remaining > 1) {
                items.add("... " + remaining + " more items");
            }
            return "[" + String.join(", ", items) + "]";
        }
        return String.valueOf(value);
    }

    /** A number as JavaScript prints it: an integral double without its ".0". */
    public static String number(Number number) {
        if (number instanceof Double || number instanceof Float || number instanceof BigDecimal) {
            double value = number.doubleValue();
            if (value == Math.rint(value) && Math.abs(value) < 1e21) {
                return new BigDecimal(value).toPlainString();
            }
            return String.valueOf(value);
        }
        return number.toString();
    }

    /** JSON.stringify of a string. */
    public static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** " Did you mean "a", "b", or "c"?", or nothing when there is no suggestion. */
    public static String didYouMean(List<String> suggestions) {
        List<String> quoted = suggestions.stream().map(suggestion -> "\"" + suggestion + "\"").toList();
        String message = " Did you mean ";
        return switch (quoted.size()) {
            case 0 -> "";
            case 1 -> message + quoted.get(0) + "?";
            case 2 -> message + quoted.get(0) + " or " + quoted.get(1) + "?";
            default -> {
                List<String> selected = quoted.subList(0, Math.min(MAX_SUGGESTIONS, quoted.size()));
                yield message + String.join(", ", selected.subList(0, selected.size() - 1)) + ", or "
                        + selected.get(selected.size() - 1) + "?";
            }
        };
    }

    /** The options close enough to the input to suggest, closest first (graphql-js's suggestionList). */
    public static List<String> suggestions(String input, Collection<String> options) {
        int threshold = (int) Math.floor(input.length() * 0.4) + 1;
        Map<String, Integer> byDistance = new LinkedHashMap<>();
        for (String option : options) {
            Integer distance = distance(input, option, threshold);
            if (distance != null) {
                byDistance.put(option, distance);
            }
        }
        return byDistance.keySet().stream()
                .sorted(Comparator.comparing((String option) -> byDistance.get(option)).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /** A JSON number JavaScript's Number.isInteger accepts: 3 and 3.0, not 3.5. */
    public static boolean isInteger(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof BigInteger
                || number instanceof Short || number instanceof Byte) {
            return true;
        }
        if (number instanceof BigDecimal decimal) {
            return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
        }
        double value = number.doubleValue();
        return Double.isFinite(value) && value == Math.rint(value);
    }

    /** Damerau-Levenshtein distance on lower case, or null beyond the threshold. */
    private static Integer distance(String input, String option, int threshold) {
        if (input.equals(option)) {
            return 0;
        }
        String inputLower = input.toLowerCase(Locale.ROOT);
        String optionLower = option.toLowerCase(Locale.ROOT);
        if (inputLower.equals(optionLower)) {
            return 1;
        }
        int[] a = optionLower.codePoints().toArray();
        int[] b = inputLower.codePoints().toArray();
        if (a.length < b.length) {
            int[] swap = a;
            a = b;
            b = swap;
        }
        if (a.length - b.length > threshold) {
            return null;
        }
        int[][] rows = new int[3][b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            rows[0][j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            int[] up = rows[(i - 1) % 3];
            int[] current = rows[i % 3];
            int smallest = current[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int cell = Math.min(Math.min(up[j] + 1, current[j - 1] + 1), up[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                    cell = Math.min(cell, rows[(i - 2) % 3][j - 2] + 1);
                }
                smallest = Math.min(smallest, cell);
                current[j] = cell;
            }
            if (smallest > threshold) {
                return null;
            }
        }
        int distance = rows[a.length % 3][b.length];
        return distance <= threshold ? distance : null;
    }
}
