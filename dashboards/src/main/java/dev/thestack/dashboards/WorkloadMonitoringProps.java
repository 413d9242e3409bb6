package dev.thestack.dashboards;

import dev.thestack.runbooks.RunbookIndex;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.lambda.IFunction;

import java.util.Objects;

/**
 * What one workload account's on-call view watches.
 *
 * @param name        dashboard name, unique in the account (e.g. prod-multi-tenant)
 * @param alarmNamePrefix what every alarm name starts with ({@link dev.thestack.model.AlarmNames#prefix}): the
 *                    central alarm routing reads the owning team from it
 * @param environment the environment; a dimension of the services' own metrics
 * @param runbooks    links every alarm to its runbook
 * @param todoFunction the Todo subgraph Lambda
 * @param todoTable   its table
 * @param thresholds  alarm thresholds
 */
public record WorkloadMonitoringProps(String name, String alarmNamePrefix, String environment, RunbookIndex runbooks,
                                      IFunction todoFunction, ITable todoTable, AlarmThresholds thresholds) {
    public WorkloadMonitoringProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(alarmNamePrefix, "alarmNamePrefix");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(runbooks, "runbooks");
        Objects.requireNonNull(todoFunction, "todoFunction");
        Objects.requireNonNull(todoTable, "todoTable");
        Objects.requireNonNull(thresholds, "thresholds");
    }
}
