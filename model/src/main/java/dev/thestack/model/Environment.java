package dev.thestack.model;

/**
 * An environment the workload accounts run.
 *
 * @param logRetentionDays retention of every log group in this environment's accounts (a CloudWatch Logs value)
 * @param paging           whether its alarms may page someone; routes to a pager may only cover paging environments
 */
public record Environment(String name, int logRetentionDays, boolean paging) {
}
