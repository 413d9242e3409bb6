package dev.thestack.services.media;

import static dev.thestack.services.contract.MetricContract.DIMENSION_ENVIRONMENT;
import static dev.thestack.services.contract.MetricContract.DIMENSION_SERVICE;

import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.contract.MetricDefinition;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.lambda.powertools.metrics.MetricsUtils;

/**
 * Counts of the {@link MetricContract} with the Service and Environment dimensions, on Powertools' metrics logger
 * (the handler's {@code @Metrics} flushes them as one EMF line per invocation). Powertools keeps default
 * dimensions in a static field, so make one instance per execution environment.
 */
public final class MediaMetrics {
    public MediaMetrics(String service, String environment) {
        MetricsUtils.defaultDimensions(DimensionSet.of(DIMENSION_SERVICE, service, DIMENSION_ENVIRONMENT, environment));
    }

    public void count(MetricDefinition metric) {
        if (!MetricContract.ALL.contains(metric) || !"Count".equals(metric.unit())) {
            throw new IllegalArgumentException(metric.name() + " is not a Count metric of the metric contract");
        }
        MetricsUtils.metricsLogger().putMetric(metric.name(), 1, Unit.COUNT);
    }
}
