package dev.thestack.routing;

import dev.thestack.model.Account;
import dev.thestack.model.AccountRole;
import dev.thestack.model.AlarmNames;
import dev.thestack.model.AlarmRoute;
import dev.thestack.model.AlarmRouting;
import dev.thestack.model.CostTags;
import dev.thestack.model.Environment;
import dev.thestack.model.Severity;
import dev.thestack.model.StackConfig;
import dev.thestack.model.Team;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The central bus's rules, as EventBridge event patterns computed from the model: one per route, and the catch-all
 * for whatever no route matches. The stack synthesizes exactly these patterns and `./stack route` matches events
 * against exactly these, with EventBridge's own engine.
 */
public final class AlarmRules {
    public static final String SOURCE = "aws.cloudwatch";
    public static final String DETAIL_TYPE = "CloudWatch Alarm State Change";
    public static final String CATCH_ALL = "catch-all";
    /**
     * Routes carry an alarm going off and its recovery (OK after ALARM), so a page resolves itself and chat sees the
     * all-clear; an OK after INSUFFICIENT_DATA (every new alarm's first evaluation) resolves nothing and is not routed.
     */
    static final List<Object> ROUTED_STATES = List.of(
            Map.of("state", Map.of("value", List.of("ALARM"))),
            Map.of("state", Map.of("value", List.of("OK")), "previousState", Map.of("value", List.of("ALARM"))));

    /** One rule of the central bus. */
    public record Rule(String name, String description, Map<String, Object> pattern, String destination) {
        public boolean isCatchAll() {
            return name.equals(CATCH_ALL);
        }
    }

    private AlarmRules() {
    }

    public static String busName(StackConfig config) {
        return config.organization().name() + "-alarms";
    }

    /** Known from the model alone, so every account's forwarder can target it without a deploy-time parameter. */
    public static String busArn(StackConfig config) {
        Account monitoring = config.accountWithRole(AccountRole.MONITORING);
        return "arn:aws:events:" + monitoring.region() + ":" + monitoring.id() + ":event-bus/" + busName(config);
    }

    /** The accounts that forward their alarms: the workload accounts and the monitoring account itself. */
    public static List<Account> forwardingAccounts(StackConfig config) {
        return config.accounts().stream().filter(a -> a.isWorkload() || a.role() == AccountRole.MONITORING).toList();
    }

    public static List<Rule> rules(StackConfig config) {
        AlarmRouting routing = config.alarmRouting().orElseThrow(() -> new IllegalArgumentException("no alarmRouting in the model"));
        List<Rule> rules = new ArrayList<>();
        for (AlarmRoute route : routing.routes()) {
            List<String> accounts = accountsIn(config, route.environments());
            if (accounts.isEmpty()) {
                continue;
            }
            List<Object> names = new ArrayList<>();
            for (String team : route.teams()) {
                route.severities().forEach(severity -> names.add(Map.of("wildcard", AlarmNames.wildcard(team, severity))));
            }
            rules.add(new Rule("route-" + route.name(), describe(route), alarmEvents(Map.of(
                    "account", accounts,
                    "detail", Map.of("alarmName", names, "$or", ROUTED_STATES))), route.destination()));
        }
        rules.add(new Rule(CATCH_ALL, "alarms no route matches: unknown account, team or severity, a state other "
                + "than ALARM or OK-after-ALARM, or a combination no route covers", alarmEvents(Map.of("$or", catchAll(config, routing))),
                routing.catchAll()));
        return rules;
    }

    /** EventBridge's default limit on an event pattern, in characters. */
    public static final int MAX_PATTERN_CHARACTERS = 2048;

    /** Refuses, with the key path, a routing whose rules EventBridge would refuse for their size. */
    public static void checkSizes(StackConfig config, String source) {
        List<dev.thestack.model.Problem> problems = new ArrayList<>();
        for (Rule rule : rules(config)) {
            int size;
            try {
                size = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(rule.pattern()).length();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            if (size > MAX_PATTERN_CHARACTERS) {
                problems.add(new dev.thestack.model.Problem("alarmRouting", "rule " + rule.name() + " would be a "
                        + size + "-character event pattern; EventBridge accepts " + MAX_PATTERN_CHARACTERS
                        + " (more only after a quota increase)", rule.isCatchAll()
                        ? "cover more team and severity combinations with routes (each uncovered one adds to the catch-all)"
                        : "split the route: fewer teams or environments per route"));
            }
        }
        if (!problems.isEmpty()) {
            throw new dev.thestack.model.ConfigException(source, problems);
        }
    }

    private static List<Object> catchAll(StackConfig config, AlarmRouting routing) {
        List<Object> branches = new ArrayList<>();
        branches.add(Map.of("account", List.of(Map.of("anything-but",
                forwardingAccounts(config).stream().map(Account::id).toList()))));
        List<String> everyName = new ArrayList<>();
        for (Team team : config.teams()) {
            for (Severity severity : Severity.values()) {
                everyName.add(AlarmNames.wildcard(team.name(), severity));
            }
        }
        branches.add(Map.of("detail", Map.of("alarmName", List.of(Map.of("anything-but", Map.of("wildcard", everyName))))));
        branches.add(Map.of("detail", Map.of("state", Map.of("value", List.of(Map.of("anything-but", List.of("ALARM", "OK")))))));
        branches.add(Map.of("detail", Map.of("state", Map.of("value", List.of("OK")),
                "previousState", Map.of("value", List.of(Map.of("anything-but", List.of("ALARM")))))));
        branches.add(Map.of("detail", Map.of("state", Map.of("value", List.of("OK")),
                "previousState", Map.of("value", List.of(Map.of("exists", false))))));
        for (String environment : environmentNames(config)) {
            List<String> accounts = accountsIn(config, List.of(environment));
            List<Object> uncovered = new ArrayList<>();
            for (Team team : config.teams()) {
                for (Severity severity : Severity.values()) {
                    if (routing.routes().stream().noneMatch(r -> r.environments().contains(environment)
                            && r.teams().contains(team.name()) && r.severities().contains(severity))) {
                        uncovered.add(Map.of("wildcard", AlarmNames.wildcard(team.name(), severity)));
                    }
                }
            }
            if (!accounts.isEmpty() && !uncovered.isEmpty()) {
                branches.add(Map.of("account", accounts, "detail", Map.of("alarmName", uncovered)));
            }
        }
        return branches;
    }

    private static Map<String, Object> alarmEvents(Map<String, Object> match) {
        Map<String, Object> pattern = new LinkedHashMap<>();
        pattern.put("source", List.of(SOURCE));
        pattern.put("detail-type", List.of(DETAIL_TYPE));
        pattern.putAll(match);
        return pattern;
    }

    static List<String> environmentNames(StackConfig config) {
        List<String> names = new ArrayList<>(config.environments().stream().map(Environment::name).toList());
        names.add(CostTags.SHARED_ENVIRONMENT);
        return names;
    }

    private static List<String> accountsIn(StackConfig config, List<String> environments) {
        return forwardingAccounts(config).stream()
                .filter(a -> environments.contains(config.environmentNameOf(a)))
                .map(Account::id).toList();
    }

    private static String describe(AlarmRoute route) {
        return String.join(", ", route.severities().stream().map(Severity::yamlName).toList()) + " alarms of "
                + String.join(", ", route.teams()) + " in " + String.join(", ", route.environments()) + " -> "
                + route.destination();
    }
}
