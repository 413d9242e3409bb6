package dev.thestack.services.instrumentation;

import dev.thestack.services.contract.MetricContract;
import java.util.Objects;

/**
 * A dimension a metric carries beyond the {@link MetricContract#DIMENSION_SERVICE Service} and
 * {@link MetricContract#DIMENSION_ENVIRONMENT Environment} every metric has.
 */
public record MetricDimension(String name, String value) {
    public MetricDimension {
        Objects.requireNonNull(name, "name");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("dimension " + name + " needs a value, not '" + value + "'");
        }
    }

    /**
     * The GraphQL operation a metric is about; an unnamed operation (null or blank) is
     * {@value MetricContract#ANONYMOUS_OPERATION}. {@link ServiceMetrics} bounds how many names it emits.
     */
    public static MetricDimension operation(String operationName) {
        return new MetricDimension(MetricContract.DIMENSION_OPERATION,
                operationName == null || operationName.isBlank() ? MetricContract.ANONYMOUS_OPERATION : operationName);
    }

    /** The subgraph a router fetch went to, by its name in the supergraph. */
    public static MetricDimension subgraph(String subgraphName) {
        return new MetricDimension(MetricContract.DIMENSION_SUBGRAPH, subgraphName);
    }
}
