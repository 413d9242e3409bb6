package dev.thestack.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thestack.model.YamlReader.Format;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the alarmRouting section: destinations with what each type needs, routes that refer to known
 * severities, environments, teams and destinations, and the paging rule (an environment with paging: false never
 * pages, and neither does the catch-all, which also receives alarms from unknown accounts).
 */
final class RoutingValidation {
    private static final Format SSM_PARAMETER = new Format(Pattern.compile("/[A-Za-z0-9_.\\-/]{1,1010}"),
            "an SSM parameter name", "write the parameter's full path, e.g. /acme/oncall/pager-url");
    private static final Format SLACK_WORKSPACE = new Format(Pattern.compile("T[A-Z0-9]{8,20}"), "a Slack workspace id",
            "copy it from the AWS Chatbot console (T followed by 8 or more capitals and digits)");
    private static final Format SLACK_CHANNEL = new Format(Pattern.compile("[CG][A-Z0-9]{8,20}"), "a Slack channel id",
            "copy it from the channel's details in Slack (C followed by 8 or more capitals and digits)");

    private final YamlReader r;

    RoutingValidation(YamlReader reader) {
        this.r = reader;
    }

    Optional<AlarmRouting> read(JsonNode root, List<Environment> environments, List<Team> teams) {
        Optional<JsonNode> section = r.mapping(root.get("alarmRouting"), "alarmRouting",
                List.of("destinations", "routes", "catchAll"));
        if (section.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node = section.get();
        List<AlarmDestination> destinations = destinations(node);
        List<String> destinationNames = destinations.stream().map(AlarmDestination::name).toList();
        Map<String, Environment> byName = new java.util.LinkedHashMap<>();
        environments.forEach(e -> byName.put(e.name(), e));
        List<AlarmRoute> routes = routes(node, byName, teams.stream().map(Team::name).toList(), destinations);
        Optional<String> catchAll = r.string(node, "alarmRouting", "catchAll", true).filter(name -> {
            Optional<AlarmDestination> destination = destinations.stream().filter(d -> d.name().equals(name)).findFirst();
            if (destination.isEmpty()) {
                r.unknownReference("alarmRouting.catchAll", "destination", name, destinationNames);
                return false;
            }
            if (destination.get().type() == AlarmDestination.Type.PAGER) {
                r.problem("alarmRouting.catchAll", "the catch-all cannot be a pager: it receives what no route matched, "
                        + "from any environment (dev included) and from accounts stack.yaml does not know", "use a chat or email destination");
                return false;
            }
            return true;
        });
        if (catchAll.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AlarmRouting(destinations, routes, catchAll.get()));
    }

    private List<AlarmDestination> destinations(JsonNode section) {
        List<AlarmDestination> destinations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<JsonNode> items = r.list(section, "alarmRouting", "destinations", true);
        for (int i = 0; i < items.size(); i++) {
            String path = "alarmRouting.destinations[" + i + "]";
            JsonNode item = items.get(i);
            if (r.mapping(item, path, List.of("name", "type", "endpointParameter", "slackWorkspaceId", "slackChannelId",
                    "address")).isEmpty()) {
                continue;
            }
            Optional<String> name = r.matching(item, path, "name", true, StackConfigLoader.NAME);
            Optional<AlarmDestination.Type> type = r.string(item, path, "type", true).flatMap(t -> {
                if (AlarmDestination.Type.yamlNames().contains(t)) {
                    return Optional.of(AlarmDestination.Type.valueOf(t.toUpperCase(Locale.ROOT)));
                }
                r.unknownReference(path + ".type", "destination type", t, AlarmDestination.Type.yamlNames());
                return Optional.empty();
            });
            if (name.isEmpty() || type.isEmpty()) {
                continue;
            }
            if (!names.add(name.get())) {
                r.problem(path + ".name", "destination '" + name.get() + "' is declared twice", "give each destination its own name");
            }
            Map<String, AlarmDestination.Type> owner = Map.of("endpointParameter", AlarmDestination.Type.PAGER,
                    "slackWorkspaceId", AlarmDestination.Type.CHAT, "slackChannelId", AlarmDestination.Type.CHAT,
                    "address", AlarmDestination.Type.EMAIL);
            owner.forEach((key, forType) -> {
                if (item.has(key) && forType != type.get()) {
                    r.problem(path + "." + key, key + " belongs to " + forType.yamlName() + " destinations, not "
                            + type.get().yamlName(), "remove it");
                }
            });
            boolean pager = type.get() == AlarmDestination.Type.PAGER;
            boolean chat = type.get() == AlarmDestination.Type.CHAT;
            boolean email = type.get() == AlarmDestination.Type.EMAIL;
            destinations.add(new AlarmDestination(name.get(), type.get(),
                    pager ? r.matching(item, path, "endpointParameter", true, SSM_PARAMETER) : Optional.empty(),
                    chat ? r.matching(item, path, "slackWorkspaceId", true, SLACK_WORKSPACE) : Optional.empty(),
                    chat ? r.matching(item, path, "slackChannelId", true, SLACK_CHANNEL) : Optional.empty(),
                    email ? r.matching(item, path, "address", true, StackConfigLoader.EMAIL) : Optional.empty()));
        }
        return destinations;
    }

    private List<AlarmRoute> routes(JsonNode section, Map<String, Environment> environments, List<String> teams,
                                    List<AlarmDestination> destinations) {
        List<String> environmentNames = new ArrayList<>(environments.keySet());
        environmentNames.add(CostTags.SHARED_ENVIRONMENT);
        List<String> destinationNames = destinations.stream().map(AlarmDestination::name).toList();
        List<AlarmRoute> routes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<JsonNode> items = r.list(section, "alarmRouting", "routes", true);
        for (int i = 0; i < items.size(); i++) {
            String path = "alarmRouting.routes[" + i + "]";
            JsonNode item = items.get(i);
            if (r.mapping(item, path, List.of("name", "severities", "environments", "teams", "destination")).isEmpty()) {
                continue;
            }
            Optional<String> name = r.matching(item, path, "name", true, StackConfigLoader.NAME);
            name.filter(n -> !names.add(n)).ifPresent(n -> r.problem(path + ".name", "route '" + n + "' is declared twice",
                    "give each route its own name"));
            List<Severity> severities = r.stringList(item, path, "severities", true, "severity", (p, s) -> known(p, s,
                    "severity", Severity.yamlNames())).stream().map(s -> Severity.valueOf(s.toUpperCase(Locale.ROOT))).toList();
            boolean allEnvironments = !item.has("environments");
            List<String> routeEnvironments = allEnvironments ? environmentNames
                    : r.stringList(item, path, "environments", true, "environment", (p, e) -> known(p, e, "environment", environmentNames));
            List<String> routeTeams = item.has("teams")
                    ? r.stringList(item, path, "teams", true, "team", (p, t) -> known(p, t, "team", teams)) : teams;
            Optional<AlarmDestination> destination = r.string(item, path, "destination", true).flatMap(d -> {
                Optional<AlarmDestination> found = destinations.stream().filter(x -> x.name().equals(d)).findFirst();
                if (found.isEmpty()) {
                    r.unknownReference(path + ".destination", "destination", d, destinationNames);
                }
                return found;
            });
            if (destination.isPresent() && destination.get().type() == AlarmDestination.Type.PAGER) {
                checkPaging(path, allEnvironments, routeEnvironments, environments);
            }
            if (name.isPresent() && destination.isPresent() && !severities.isEmpty()) {
                routes.add(new AlarmRoute(name.get(), severities, routeEnvironments, routeTeams, destination.get().name()));
            }
        }
        return routes;
    }

    /** Only environments that allow paging may reach a pager; {@code shared} (the platform accounts) may. */
    private void checkPaging(String path, boolean allEnvironments, List<String> routeEnvironments,
                             Map<String, Environment> environments) {
        if (allEnvironments) {
            r.problem(path + ".environments", "a route to a pager must list its environments",
                    "list the environments whose alarms may page, e.g. environments: [prod]");
            return;
        }
        for (int j = 0; j < routeEnvironments.size(); j++) {
            Environment environment = environments.get(routeEnvironments.get(j));
            if (environment != null && !environment.paging()) {
                r.problem(path + ".environments[" + j + "]", "environment '" + environment.name()
                                + "' has paging: false, so its alarms never page",
                        "route it to a chat or email destination, or set paging: true on the environment");
            }
        }
    }

    private boolean known(String path, String value, String what, List<String> known) {
        if (known.contains(value)) {
            return true;
        }
        r.unknownReference(path, what, value, known);
        return false;
    }
}
