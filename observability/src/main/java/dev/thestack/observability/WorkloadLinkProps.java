package dev.thestack.observability;

import java.util.Objects;

/**
 * @param monitoringAccountId the account that owns the sink
 * @param region              where the sink lives (links are regional)
 */
public record WorkloadLinkProps(String monitoringAccountId, String region) {
    public WorkloadLinkProps {
        Objects.requireNonNull(monitoringAccountId, "monitoringAccountId");
        Objects.requireNonNull(region, "region");
    }
}
