package dev.thestack.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thestack.model.YamlReader.Format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code tracing:} section and checks what X-Ray's API would refuse at deploy time (names, priorities,
 * rates, attribute and matcher limits) and what would deploy but never match (unbalanced filter expressions,
 * annotation keys X-Ray cannot filter on). Limits and sources: docs/research/xray.md.
 */
final class TracingValidation {
    static final String SECTION = "tracing";
    /** X-Ray rule and group names: 1 to 32 characters (API); the characters are the conservative common set. */
    static final Format NAME = new Format(Pattern.compile("[A-Za-z0-9_-]{1,32}"), "an X-Ray name",
            "use at most 32 letters, digits, '_' and '-', e.g. graphql-mutations");
    /** X-Ray's own catch-all rule and group are named Default; one of ours cannot take the name. */
    static final String RESERVED_NAME = "Default";
    static final int MIN_PRIORITY = 1;
    static final int MAX_PRIORITY = 9999;
    static final int MAX_ATTRIBUTES = 5;
    static final int MAX_ATTRIBUTE_LENGTH = 32;
    /** SamplingRule matchers and their maximum lengths, from the X-Ray API reference. */
    static final Map<String, Integer> MATCHERS = matchers();
    static final int DEFAULT_RESERVOIR_SIZE = 1;
    static final int DEFAULT_COOLDOWN_MINUTES = 10;
    /** Annotation keys X-Ray can filter on: letters, digits and underscore (segment document reference). */
    private static final Pattern ANNOTATION_KEY = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern ANNOTATION_REFERENCE = Pattern.compile("annotation\\.([^\\s=!<>]+)");

    private final YamlReader r;

    TracingValidation(YamlReader reader) {
        this.r = reader;
    }

    private static Map<String, Integer> matchers() {
        Map<String, Integer> lengths = new LinkedHashMap<>();
        lengths.put("serviceName", 64);
        lengths.put("serviceType", 64);
        lengths.put("host", 64);
        lengths.put("httpMethod", 10);
        lengths.put("urlPath", 128);
        lengths.put("resourceArn", 500);
        return java.util.Collections.unmodifiableMap(lengths);
    }

    /** The section, or the defaults derived from the services when it is absent. */
    Tracing tracing(JsonNode root, List<ServiceOwner> services) {
        Optional<JsonNode> node = r.mapping(root.get(SECTION), SECTION, List.of("kmsEncryption", "samplingRules", "groups"));
        if (node.isEmpty()) {
            return Tracing.defaults(services);
        }
        JsonNode n = node.get();
        boolean kms = r.bool(n, SECTION, "kmsEncryption", true);
        // a key left empty (null) reads as absent: silently dropping every rule would lose the mutation sampling
        List<SamplingRule> rules = n.hasNonNull("samplingRules") ? rules(n) : Tracing.defaultRules();
        List<TraceGroup> groups = n.hasNonNull("groups") ? groups(n) : Tracing.defaultGroups(services);
        return new Tracing(kms, rules, groups);
    }

    private List<SamplingRule> rules(JsonNode section) {
        List<SamplingRule> rules = items(section, "samplingRules", this::rule, SamplingRule::name);
        Map<Integer, String> byPriority = new HashMap<>();
        for (SamplingRule rule : rules) {
            String earlier = byPriority.putIfAbsent(rule.priority(), rule.name());
            if (earlier != null) {
                r.problem(itemPath("samplingRules", indexOf(section.path("samplingRules"), rule.name())) + ".priority", "priority "
                                + rule.priority() + " is already taken by rule '" + earlier + "'",
                        "give each rule its own priority: X-Ray evaluates rules in priority order, so a tie leaves "
                                + "the order undefined");
            }
        }
        return rules;
    }

    private Optional<SamplingRule> rule(JsonNode node, String path) {
        List<String> keys = new ArrayList<>(List.of("name", "priority", "fixedRate", "reservoirSize", "attributes",
                "boostOnErrors"));
        keys.addAll(MATCHERS.keySet());
        if (r.mapping(node, path, keys).isEmpty()) {
            return Optional.empty();
        }
        Optional<String> name = name(node, path);
        Optional<Integer> priority = required(node, path, "priority", "priority: 100").flatMap(p -> wholeNumber(node, path,
                "priority", MIN_PRIORITY, MAX_PRIORITY, " (X-Ray's own Default rule has 10000)"));
        Optional<Double> fixedRate = required(node, path, "fixedRate", "fixedRate: 0.05").flatMap(f -> rate(node, path, "fixedRate"));
        Optional<Integer> reservoir = node.has("reservoirSize")
                ? wholeNumber(node, path, "reservoirSize", 0, Integer.MAX_VALUE, " requests per second")
                : Optional.of(DEFAULT_RESERVOIR_SIZE);
        Map<String, String> matched = new LinkedHashMap<>();
        boolean matchersValid = true;
        for (Map.Entry<String, Integer> matcher : MATCHERS.entrySet()) {
            Optional<String> value = r.string(node, path, matcher.getKey(), false);
            if (value.isPresent() && value.get().length() > matcher.getValue()) {
                r.problem(path + "." + matcher.getKey(), "is " + value.get().length() + " characters long",
                        "X-Ray accepts at most " + matcher.getValue() + " characters (glob patterns with * and ? work)");
                matchersValid = false;
            }
            matched.put(matcher.getKey(), value.orElse(SamplingRule.ANY));
        }
        Optional<Map<String, String>> attributes = attributes(node, path);
        Optional<Optional<SamplingBoost>> boost = boost(node, path, fixedRate);
        if (name.isEmpty() || priority.isEmpty() || fixedRate.isEmpty() || reservoir.isEmpty() || !matchersValid
                || attributes.isEmpty() || boost.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SamplingRule(name.get(), priority.get(), fixedRate.get(), reservoir.get(),
                matched.get("serviceName"), matched.get("serviceType"), matched.get("host"), matched.get("httpMethod"),
                matched.get("urlPath"), matched.get("resourceArn"), attributes.get(), boost.get()));
    }

    /** Empty when malformed (already reported); otherwise the attributes, possibly none. */
    private Optional<Map<String, String>> attributes(JsonNode node, String path) {
        String at = path + ".attributes";
        JsonNode value = node.get("attributes");
        if (value == null || value.isNull()) {
            return Optional.of(Map.of());
        }
        if (!value.isObject()) {
            r.problem(at, "expected a mapping of attribute: value", "write attributes: {graphql.operation.type: mutation}");
            return Optional.empty();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        boolean valid = true;
        if (value.size() > MAX_ATTRIBUTES) {
            r.problem(at, "has " + value.size() + " attributes", "X-Ray matches at most " + MAX_ATTRIBUTES
                    + " attributes per rule: split the rule or drop some");
            valid = false;
        }
        var fields = value.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = field.getKey();
            Optional<String> text = r.string(value, at, key, true);
            if (key.length() > MAX_ATTRIBUTE_LENGTH) {
                r.problem(at + "." + key, "the attribute name is " + key.length() + " characters long",
                        "X-Ray accepts attribute names of at most " + MAX_ATTRIBUTE_LENGTH + " characters");
                valid = false;
            }
            if (text.isPresent() && text.get().length() > MAX_ATTRIBUTE_LENGTH) {
                r.problem(at + "." + key, "the value is " + text.get().length() + " characters long",
                        "X-Ray accepts attribute values of at most " + MAX_ATTRIBUTE_LENGTH + " characters");
                valid = false;
            }
            if (text.isEmpty()) {
                valid = false;
            } else {
                attributes.put(key, text.get());
            }
        }
        return valid ? Optional.of(attributes) : Optional.empty();
    }

    /** Empty when malformed (already reported); otherwise the boost, if any. */
    private Optional<Optional<SamplingBoost>> boost(JsonNode node, String path, Optional<Double> fixedRate) {
        String at = path + ".boostOnErrors";
        if (!node.hasNonNull("boostOnErrors")) {
            return Optional.of(Optional.empty());
        }
        Optional<JsonNode> boost = r.mapping(node.get("boostOnErrors"), at, List.of("maxRate", "cooldownWindowMinutes"));
        if (boost.isEmpty()) {
            return Optional.empty();
        }
        JsonNode b = boost.get();
        Optional<Double> maxRate = required(b, at, "maxRate", "maxRate: 1.0").flatMap(m -> rate(b, at, "maxRate"));
        Optional<Integer> cooldown = b.has("cooldownWindowMinutes")
                ? wholeNumber(b, at, "cooldownWindowMinutes", 1, Integer.MAX_VALUE, " minutes")
                : Optional.of(DEFAULT_COOLDOWN_MINUTES);
        if (maxRate.isPresent() && fixedRate.isPresent() && maxRate.get() <= fixedRate.get()) {
            r.problem(at + ".maxRate", "maxRate " + maxRate.get() + " is not above the rule's fixedRate "
                    + fixedRate.get() + ", so a boost could never raise the rate", "give a maxRate above "
                    + fixedRate.get() + " (e.g. 1.0), or remove boostOnErrors");
            return Optional.empty();
        }
        if (maxRate.isEmpty() || cooldown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(new SamplingBoost(maxRate.get(), cooldown.get())));
    }

    private List<TraceGroup> groups(JsonNode section) {
        return items(section, "groups", this::group, TraceGroup::name);
    }

    private Optional<TraceGroup> group(JsonNode node, String path) {
        if (r.mapping(node, path, List.of("name", "filter", "insights", "notifications")).isEmpty()) {
            return Optional.empty();
        }
        Optional<String> name = name(node, path);
        Optional<String> filter = r.string(node, path, "filter", true).filter(f -> checkFilter(path + ".filter", f));
        boolean insights = r.bool(node, path, "insights", true);
        boolean notifications = r.bool(node, path, "notifications", false);
        if (notifications && !insights) {
            r.problem(path + ".notifications", "notifications need insights: X-Ray only notifies for a group with "
                    + "insights on", "set insights: true, or remove notifications");
            return Optional.empty();
        }
        return name.flatMap(n -> filter.map(f -> new TraceGroup(n, f, insights, notifications)));
    }

    /** Quotes, parentheses and braces balanced; every annotation key one X-Ray can filter on. */
    private boolean checkFilter(String path, String filter) {
        Optional<String> unbalanced = unbalanced(filter);
        if (unbalanced.isPresent()) {
            r.problem(path, "filter expression '" + filter + "' " + unbalanced.get(),
                    "balance every \", ( and { (e.g. service(\"todo\") { fault }), or X-Ray refuses the group");
            return false;
        }
        Matcher annotation = ANNOTATION_REFERENCE.matcher(withoutStrings(filter));
        while (annotation.find()) {
            if (!ANNOTATION_KEY.matcher(annotation.group(1)).matches()) {
                r.problem(path, "annotation key '" + annotation.group(1) + "' can never match: X-Ray only filters on "
                        + "annotation keys of letters, digits and '_'", "name the annotation with those characters, "
                        + "e.g. annotation." + annotation.group(1).replaceAll("[^A-Za-z0-9_]", "_"));
                return false;
            }
        }
        return true;
    }

    /** What is unbalanced in a filter expression, if anything. Strings are double-quoted; \" escapes a quote. */
    static Optional<String> unbalanced(String filter) {
        StringBuilder open = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '(', '{' -> open.append(c);
                case ')', '}' -> {
                    char expected = c == ')' ? '(' : '{';
                    if (open.isEmpty() || open.charAt(open.length() - 1) != expected) {
                        return Optional.of("closes '" + c + "' at position " + (i + 1) + " without a matching '" + expected + "'");
                    }
                    open.setLength(open.length() - 1);
                }
                default -> {
                }
            }
        }
        if (inString) {
            return Optional.of("has an unclosed \"");
        }
        if (!open.isEmpty()) {
            return Optional.of("leaves '" + open.charAt(open.length() - 1) + "' open");
        }
        return Optional.empty();
    }

    /** The filter with each double-quoted string emptied; a scan, because a regex recurses per character here. */
    private static String withoutStrings(String filter) {
        StringBuilder out = new StringBuilder(filter.length());
        boolean inString = false;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (inString && c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
                out.append(c);
            } else if (!inString) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private Optional<String> name(JsonNode node, String path) {
        return r.matching(node, path, "name", true, NAME).filter(name -> {
            if (name.equals(RESERVED_NAME)) {
                r.problem(path + ".name", "'" + RESERVED_NAME + "' is X-Ray's own catch-all", "choose another name");
                return false;
            }
            return true;
        });
    }

    /** Named items of a list, each read by {@code item}; a repeated name is reported at its second occurrence. */
    private <T> List<T> items(JsonNode section, String key, ItemReader<T> item, Function<T, String> name) {
        List<JsonNode> nodes = r.list(section, SECTION, key, false);
        List<T> items = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = itemPath(key, i);
            if (nodes.get(i).isNull()) {
                r.problem(path, "is an empty item", "remove the lone '-' or fill in the item");
                continue;
            }
            Optional<T> value = item.read(nodes.get(i), path);
            if (value.isEmpty()) {
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(name.apply(value.get()), i);
            if (earlier != null) {
                r.problem(path + ".name", "'" + name.apply(value.get()) + "' is already the name of " + itemPath(key, earlier),
                        "give each item of " + SECTION + "." + key + " its own name (X-Ray names are unique per account and region)");
            } else {
                items.add(value.get());
            }
        }
        return items;
    }

    private static String itemPath(String key, int index) {
        return SECTION + "." + key + "[" + index + "]";
    }

    private static int indexOf(JsonNode nodes, String name) {
        for (int i = 0; i < nodes.size(); i++) {
            if (name.equals(nodes.get(i).path("name").asText())) {
                return i;
            }
        }
        return -1;
    }

    private Optional<JsonNode> required(JsonNode node, String path, String key, String example) {
        if (!node.hasNonNull(key)) {
            r.problem(path + "." + key, "missing", "add " + example);
            return Optional.empty();
        }
        return Optional.of(node.get(key));
    }

    private Optional<Double> rate(JsonNode node, String path, String key) {
        JsonNode value = node.get(key);
        if (!value.isNumber()) {
            r.problem(path + "." + key, "expected a number from 0 to 1, found '" + value.asText() + "'",
                    "write a share such as " + key + ": 0.05 (5 %), unquoted");
            return Optional.empty();
        }
        double rate = value.doubleValue();
        if (rate < 0 || rate > 1) {
            r.problem(path + "." + key, rate + " is not a share from 0 to 1", "write 0.05 for 5 %, 1.0 for every request");
            return Optional.empty();
        }
        return Optional.of(rate);
    }

    private Optional<Integer> wholeNumber(JsonNode node, String path, String key, int min, int max, String unit) {
        JsonNode value = node.get(key);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            r.problem(path + "." + key, "expected a whole number, found '" + value.asText() + "'",
                    "write " + key + ": " + Math.max(min, 1));
            return Optional.empty();
        }
        int number = value.intValue();
        if (number < min || number > max) {
            r.problem(path + "." + key, number + " is out of range", "give " + min
                    + (max == Integer.MAX_VALUE ? " or more" : " to " + max) + unit);
            return Optional.empty();
        }
        return Optional.of(number);
    }

    @FunctionalInterface
    private interface ItemReader<T> {
        Optional<T> read(JsonNode node, String path);
    }
}
