package dev.thestack.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How urgent an alarm is. It is the last word of every alarm name the toolkit creates (e.g.
 * {@code product.todo.prod-eu-todo-lambda-Fault-Rate-Critical}), which is how the central routing rules, which only
 * see the alarm's state-change event, tell severities apart.
 */
public enum Severity {
    CRITICAL, WARNING, INFO;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The alarm-name suffix: cdk-monitoring-constructs appends the alarm's key, which is this word. */
    public String alarmKey() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(Severity::yamlName).toList();
    }
}
