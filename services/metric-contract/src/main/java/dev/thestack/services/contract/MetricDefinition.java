package dev.thestack.services.contract;

import java.util.List;
import java.util.Objects;

/**
 * One custom metric a service emits through EMF. The same record feeds the handler that emits it and the
 * alarm or widget that reads it, so the two cannot drift apart.
 *
 * @param name       CloudWatch metric name
 * @param unit       CloudWatch unit name as EMF writes it ("Count", "Milliseconds", ...)
 * @param dimensions dimension names, in the order the handler sets them
 * @param meaning    one line for dashboards and runbooks
 */
public record MetricDefinition(String name, String unit, List<String> dimensions, String meaning) {
    public MetricDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        dimensions = List.copyOf(dimensions);
        Objects.requireNonNull(meaning, "meaning");
    }
}
