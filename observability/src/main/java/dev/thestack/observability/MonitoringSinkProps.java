package dev.thestack.observability;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * @param organizationId only accounts of this organization may link to the sink
 * @param sinkName       name of the sink in the monitoring account
 * @param shared         telemetry the workload accounts may share
 */
public record MonitoringSinkProps(String organizationId, String sinkName, Set<TelemetryType> shared) {
    public MonitoringSinkProps {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(sinkName, "sinkName");
        shared = Set.copyOf(shared);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String organizationId;
        private String sinkName = "organization-telemetry";
        private Set<TelemetryType> shared = EnumSet.allOf(TelemetryType.class);

        public Builder organizationId(String organizationId) {
            this.organizationId = organizationId;
            return this;
        }

        public Builder sinkName(String sinkName) {
            this.sinkName = sinkName;
            return this;
        }

        public Builder shared(List<TelemetryType> shared) {
            this.shared = EnumSet.copyOf(shared);
            return this;
        }

        public MonitoringSinkProps build() {
            return new MonitoringSinkProps(organizationId, sinkName, shared);
        }
    }
}
