package dev.thestack.app;

import java.util.Map;

/**
 * What synthesis produced for one account.
 *
 * @param resourcesByType CloudFormation resource type → count, sorted by type
 */
public record AccountSummary(String account, String accountId, String region, String stackName,
                             Map<String, Integer> resourcesByType, int alarms, int dashboards, NagFindings nag) {
    public int resources() {
        return resourcesByType.values().stream().mapToInt(Integer::intValue).sum();
    }
}
