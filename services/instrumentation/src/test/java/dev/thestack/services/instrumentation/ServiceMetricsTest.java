package dev.thestack.services.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thestack.services.awslocal.StandardOutput;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.contract.MetricDefinition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the metrics API refuses, and how it bounds the Operation dimension clients choose the values of. */
class ServiceMetricsTest {
    private final ServiceMetrics metrics = new ServiceMetrics(InstrumentedHandler.SERVICE, InstrumentedHandler.ENVIRONMENT, 3);

    @Test
    void operationNamesBeyondTheBoundAreEmittedAsOther() {
        List<String> printed = StandardOutput.capture(() -> {
            for (String name : List.of("A", "B", "C", "D", "A", "E", "C")) {
                metrics.count(MetricContract.OPERATION_ERRORS, MetricDimension.operation(name));
            }
            return null;
        }).lines();

        assertThat(EmfDocuments.withMetric(printed, MetricContract.OPERATION_ERRORS.name()))
                .extracting(document -> document.path("Operation").asText())
                .containsExactly("A", "B", "C", "(other)", "A", "(other)", "C");
    }

    @Test
    void anonymousOperationsShareOneValueThatDoesNotUseUpTheBound() {
        List<String> printed = StandardOutput.capture(() -> {
            metrics.count(MetricContract.OPERATION_ERRORS, MetricDimension.operation(null));
            metrics.count(MetricContract.OPERATION_ERRORS, MetricDimension.operation(" "));
            for (String name : List.of("A", "B", "C")) {
                metrics.count(MetricContract.OPERATION_ERRORS, MetricDimension.operation(name));
            }
            return null;
        }).lines();

        assertThat(EmfDocuments.withMetric(printed, MetricContract.OPERATION_ERRORS.name()))
                .extracting(document -> document.path("Operation").asText())
                .containsExactly("(anonymous)", "(anonymous)", "A", "B", "C");
    }

    @Test
    void metricOutsideTheContractIsRefused() {
        MetricDefinition unknown = new MetricDefinition("Surprise", "Count",
                List.of(MetricContract.DIMENSION_SERVICE, MetricContract.DIMENSION_ENVIRONMENT), "nobody alarms on it");

        assertThatThrownBy(() -> metrics.count(unknown))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric Surprise is not in the metric contract; add it to MetricContract"
                        + " (and MetricContract.ALL) so alarms and dashboards know it");
    }

    @Test
    void dimensionsOtherThanTheContractsAreRefused() {
        assertThatThrownBy(() -> metrics.latency(MetricContract.OPERATION_LATENCY, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric OperationLatency has the dimensions [Service, Environment, Operation] in the metric"
                        + " contract, but was given [Service, Environment]; pass the ones after Service and"
                        + " Environment, in that order");
        assertThatThrownBy(() -> metrics.count(MetricContract.TODO_CREATED, MetricDimension.subgraph("todo")))
                .hasMessageContaining("has the dimensions [Service, Environment] in the metric contract,"
                        + " but was given [Service, Environment, Subgraph]");
    }

    @Test
    void wrongKindOfRecordingIsRefusedNamingTheRightOne() {
        assertThatThrownBy(() -> metrics.count(MetricContract.SUBGRAPH_LATENCY, MetricDimension.subgraph("todo")))
                .hasMessage("metric SubgraphLatency has unit Milliseconds in the metric contract; record it with latency(...)");
        assertThatThrownBy(() -> metrics.latency(MetricContract.TODO_CREATED, Duration.ofMillis(1)))
                .hasMessage("metric TodoCreated has unit Count in the metric contract; record it with count(...)");
        assertThatThrownBy(() -> metrics.latency(MetricContract.SUBGRAPH_LATENCY, Duration.ofMillis(-1),
                MetricDimension.subgraph("todo")))
                .hasMessage("SubgraphLatency cannot be negative, but is PT-0.001S");
    }

    @Test
    void coldStartIsLeftToPowertools() {
        assertThatThrownBy(() -> metrics.count(MetricContract.COLD_START))
                .hasMessage("ColdStart is emitted by Powertools itself: set captureColdStart = true on the handler's @Metrics");
    }

    @Test
    void blankDimensionValuesAreRefused() {
        assertThatThrownBy(() -> MetricDimension.subgraph(" "))
                .hasMessage("dimension Subgraph needs a value, not ' '");
        assertThatThrownBy(() -> new ServiceMetrics("todo", ""))
                .hasMessage("the Environment dimension needs a value, not ''");
    }
}
