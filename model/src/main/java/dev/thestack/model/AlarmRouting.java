package dev.thestack.model;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * How alarm state changes reach people: every account forwards its alarms to a central event bus in the monitoring
 * account, whose rules send them to destinations by severity, environment and team.
 *
 * @param catchAll the destination of any alarm no route matches (unknown account or team, a gap in the routes)
 */
public record AlarmRouting(List<AlarmDestination> destinations, List<AlarmRoute> routes, String catchAll) {
    public AlarmRouting {
        destinations = List.copyOf(destinations);
        routes = List.copyOf(routes);
    }

    public AlarmDestination destination(String name) {
        return destinations.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no alarm destination " + name));
    }
}
