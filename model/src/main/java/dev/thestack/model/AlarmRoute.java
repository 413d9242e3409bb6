package dev.thestack.model;

import java.util.List;

/**
 * One routing rule: alarms of these severities, from accounts of these environments, owned by these teams, go to
 * the destination. Lists are resolved: an omitted list in stack.yaml means every known value.
 *
 * @param environments environment names, {@code shared} for the accounts that run none (monitoring, ...)
 */
public record AlarmRoute(String name, List<Severity> severities, List<String> environments, List<String> teams,
                         String destination) {
    public AlarmRoute {
        severities = List.copyOf(severities);
        environments = List.copyOf(environments);
        teams = List.copyOf(teams);
    }
}
