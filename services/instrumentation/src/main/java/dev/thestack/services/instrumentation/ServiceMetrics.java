package dev.thestack.services.instrumentation;

import static dev.thestack.services.contract.MetricContract.DIMENSION_ENVIRONMENT;
import static dev.thestack.services.contract.MetricContract.DIMENSION_OPERATION;
import static dev.thestack.services.contract.MetricContract.DIMENSION_SERVICE;

import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.contract.MetricDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsLoggerHelper;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.lambda.powertools.metrics.MetricsUtils;

/**
 * The metrics of one service, recorded through Powertools (EMF on stdout) and only as the {@link MetricContract}
 * defines them, so that every alarm and dashboard finds what it reads.
 *
 * <p>A metric with only the Service and Environment dimensions goes on Powertools' invocation logger, which the
 * handler's {@code @Metrics(namespace = MetricContract.NAMESPACE, captureColdStart = true)} flushes as one EMF
 * document per invocation. A metric with more dimensions (Operation, Subgraph) is written at once as an EMF
 * document of its own ({@link EmfLine}), because one document has one set of dimensions for all its metrics and an
 * invocation may touch several subgraphs.
 *
 * <p>Powertools keeps default dimensions in a static field, so this sets Service and Environment for the whole
 * execution environment: make one instance per environment (in the handler's constructor).
 */
public final class ServiceMetrics {
    private static final Map<String, Unit> UNITS = Map.of("Count", Unit.COUNT, "Milliseconds", Unit.MILLISECONDS);

    private final String service;
    private final String environment;
    private final OperationNames operationNames;

    public ServiceMetrics(String service, String environment) {
        this(service, environment, MetricContract.MAX_OPERATION_NAMES);
    }

    ServiceMetrics(String service, String environment, int maxOperationNames) {
        this.service = requireValue(service, DIMENSION_SERVICE);
        this.environment = requireValue(environment, DIMENSION_ENVIRONMENT);
        this.operationNames = new OperationNames(maxOperationNames);
        MetricsUtils.defaultDimensions(DimensionSet.of(DIMENSION_SERVICE, service, DIMENSION_ENVIRONMENT, environment));
    }

    /** One occurrence of a Count metric of the contract, with the dimensions the contract gives it beyond the defaults. */
    public void count(MetricDefinition metric, MetricDimension... dimensions) {
        record(metric, Unit.COUNT, 1, dimensions);
    }

    /** How long something took, for a Milliseconds metric of the contract (fractions of a millisecond kept). */
    public void latency(MetricDefinition metric, Duration duration, MetricDimension... dimensions) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(metric.name() + " cannot be negative, but is " + duration);
        }
        record(metric, Unit.MILLISECONDS, duration.toNanos() / 1_000_000.0, dimensions);
    }

    private void record(MetricDefinition metric, Unit unit, double value, MetricDimension[] dimensions) {
        checkContract(metric, unit, dimensions);
        if (dimensions.length == 0) {
            MetricsUtils.metricsLogger().putMetric(metric.name(), value, unit);
            return;
        }
        List<String> all = new ArrayList<>(4 + 2 * dimensions.length);
        Collections.addAll(all, DIMENSION_SERVICE, service, DIMENSION_ENVIRONMENT, environment);
        for (MetricDimension dimension : dimensions) {
            all.add(dimension.name());
            all.add(DIMENSION_OPERATION.equals(dimension.name())
                    ? operationNames.bounded(dimension.value())
                    : dimension.value());
        }
        // only these dimensions, not also the defaults alone as a second set: CloudWatch would store the value
        // under both
        System.out.println(EmfLine.of(MetricContract.NAMESPACE, System.currentTimeMillis(), metric.name(),
                metric.unit(), value, all, invocationRequestId(), TraceHeader.current().map(TraceHeader::root)
                        .orElse(null)));
    }

    /** What Powertools' {@code @Metrics} put on the invocation's metrics context, or null outside an invocation. */
    private static String invocationRequestId() {
        Object requestId = MetricsLoggerHelper.metricsContext().getProperty(EmfLine.REQUEST_ID_PROPERTY);
        return requestId == null ? null : requestId.toString();
    }

    private static void checkContract(MetricDefinition metric, Unit unit, MetricDimension[] dimensions) {
        Objects.requireNonNull(metric, "metric");
        if (metric.equals(MetricContract.COLD_START)) {
            throw new IllegalArgumentException("ColdStart is emitted by Powertools itself:"
                    + " set captureColdStart = true on the handler's @Metrics");
        }
        if (!MetricContract.ALL.contains(metric)) {
            throw new IllegalArgumentException("metric " + metric.name() + " is not in the metric contract;"
                    + " add it to MetricContract (and MetricContract.ALL) so alarms and dashboards know it");
        }
        if (UNITS.get(metric.unit()) != unit) {
            throw new IllegalArgumentException("metric " + metric.name() + " has unit " + metric.unit()
                    + " in the metric contract; record it with "
                    + ("Count".equals(metric.unit()) ? "count" : "latency") + "(...)");
        }
        List<String> expected = metric.dimensions();
        boolean matches = expected.size() == 2 + dimensions.length && expected.get(0).equals(DIMENSION_SERVICE)
                && expected.get(1).equals(DIMENSION_ENVIRONMENT);
        for (int i = 0; matches && i < dimensions.length; i++) {
            matches = expected.get(2 + i).equals(Objects.requireNonNull(dimensions[i], "dimension").name());
        }
        if (!matches) {
            List<String> given = new ArrayList<>(List.of(DIMENSION_SERVICE, DIMENSION_ENVIRONMENT));
            for (MetricDimension dimension : dimensions) {
                given.add(Objects.requireNonNull(dimension, "dimension").name());
            }
            throw new IllegalArgumentException("metric " + metric.name() + " has the dimensions "
                    + expected + " in the metric contract, but was given " + given
                    + "; pass the ones after Service and Environment, in that order");
        }
    }

    private static String requireValue(String value, String dimension) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + dimension + " dimension needs a value, not '" + value + "'");
        }
        return value;
    }
}
