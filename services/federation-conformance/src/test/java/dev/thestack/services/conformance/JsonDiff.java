package dev.thestack.services.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where two JSON documents differ, one line per difference with its JSON path, so a mismatch between the routers
 * reads as "$.errors[0].extensions.code: gateway "X", router "Y"" rather than as two walls of JSON. Objects are
 * compared by member, whatever their order; arrays element by element.
 */
final class JsonDiff {
    private final String leftName;
    private final String rightName;

    JsonDiff(String leftName, String rightName) {
        this.leftName = leftName;
        this.rightName = rightName;
    }

    /** One place where the documents differ, and how. */
    record Difference(String path, String description) {
        @Override
        public String toString() {
            return path + ": " + description;
        }
    }

    List<Difference> differences(JsonNode left, JsonNode right) {
        List<Difference> differences = new ArrayList<>();
        compare("$", left, right, differences);
        return differences;
    }

    private void compare(String path, JsonNode left, JsonNode right, List<Difference> differences) {
        if (left.isObject() && right.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            left.fieldNames().forEachRemaining(names::add);
            right.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String member = path + "." + name;
                if (!right.has(name)) {
                    differences.add(new Difference(member, "only " + leftName + " has it: " + left.get(name)));
                } else if (!left.has(name)) {
                    differences.add(new Difference(member, "only " + rightName + " has it: " + right.get(name)));
                } else {
                    compare(member, left.get(name), right.get(name), differences);
                }
            }
        } else if (left.isArray() && right.isArray()) {
            Iterator<JsonNode> leftElements = left.elements();
            Iterator<JsonNode> rightElements = right.elements();
            for (int index = 0; leftElements.hasNext() || rightElements.hasNext(); index++) {
                String element = path + "[" + index + "]";
                if (!rightElements.hasNext()) {
                    differences.add(new Difference(element, "only " + leftName + " has it: " + leftElements.next()));
                } else if (!leftElements.hasNext()) {
                    differences.add(new Difference(element, "only " + rightName + " has it: " + rightElements.next()));
                } else {
                    compare(element, leftElements.next(), rightElements.next(), differences);
                }
            }
        } else if (!left.equals(right)) {
            differences.add(new Difference(path, leftName + " " + left + ", " + rightName + " " + right));
        }
    }
}
