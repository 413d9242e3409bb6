package dev.thestack.dashboards;

import dev.thestack.runbooks.RunbookIndex;

import java.util.List;
import java.util.Objects;

/**
 * What one workload account's on-call view watches.
 *
 * @param name        dashboard name, unique in the account (e.g. prod-multi-tenant)
 * @param environment the environment; a dimension of the services' own metrics
 * @param runbooks    links every alarm to its runbook
 * @param services    the services deployed in the account, in the order the dashboard shows them
 * @param thresholds  alarm thresholds
 */
public record WorkloadMonitoringProps(String name, String environment, RunbookIndex runbooks,
                                      List<MonitoredService> services, AlarmThresholds thresholds) {
    public WorkloadMonitoringProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(runbooks, "runbooks");
        services = List.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("a workload's monitoring needs at least one service to watch");
        }
        Objects.requireNonNull(thresholds, "thresholds");
    }
}
