package dev.thestack.services.todo;

import static dev.thestack.services.contract.MetricContract.DIMENSION_ENVIRONMENT;
import static dev.thestack.services.contract.MetricContract.DIMENSION_SERVICE;

import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.contract.MetricDefinition;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.lambda.powertools.metrics.MetricsUtils;

/**
 * The service's metrics from the {@link MetricContract}, recorded on Powertools' metrics logger; the handler's
 * {@code @Metrics} aspect flushes them as one EMF line per invocation.
 */
public final class TodoMetrics {
    /**
     * Powertools keeps default dimensions in a static field, so this sets them for the whole execution
     * environment; the handler makes one instance per environment.
     */
    public TodoMetrics(String service, String environment) {
        MetricsUtils.defaultDimensions(DimensionSet.of(
                DIMENSION_SERVICE, service,
                DIMENSION_ENVIRONMENT, environment));
    }

    public void todoCreated() {
        countOne(MetricContract.TODO_CREATED);
    }

    public void graphQLErrors() {
        countOne(MetricContract.GRAPHQL_ERRORS);
    }

    public void graphQLClientErrors() {
        countOne(MetricContract.GRAPHQL_CLIENT_ERRORS);
    }

    private static void countOne(MetricDefinition metric) {
        MetricsUtils.metricsLogger().putMetric(metric.name(), 1, Unit.fromValue(metric.unit()));
    }
}
