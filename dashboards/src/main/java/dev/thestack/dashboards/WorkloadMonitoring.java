package dev.thestack.dashboards;

import dev.thestack.model.Severity;
import dev.thestack.runbooks.AlarmKind;
import dev.thestack.runbooks.RunbookIndex;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.contract.MetricDefinition;
import io.github.cdklabs.cdkmonitoringconstructs.AlarmFactoryDefaults;
import io.github.cdklabs.cdkmonitoringconstructs.CustomMetricGroup;
import io.github.cdklabs.cdkmonitoringconstructs.CustomMetricWithAlarm;
import io.github.cdklabs.cdkmonitoringconstructs.CustomMonitoringProps;
import io.github.cdklabs.cdkmonitoringconstructs.CustomThreshold;
import io.github.cdklabs.cdkmonitoringconstructs.DefaultDashboardFactory;
import io.github.cdklabs.cdkmonitoringconstructs.DynamoTableMonitoringProps;
import io.github.cdklabs.cdkmonitoringconstructs.ErrorCountThreshold;
import io.github.cdklabs.cdkmonitoringconstructs.ErrorRateThreshold;
import io.github.cdklabs.cdkmonitoringconstructs.LambdaFunctionMonitoringProps;
import io.github.cdklabs.cdkmonitoringconstructs.LatencyThreshold;
import io.github.cdklabs.cdkmonitoringconstructs.MetricFactoryDefaults;
import io.github.cdklabs.cdkmonitoringconstructs.MonitoringDashboardsProps;
import io.github.cdklabs.cdkmonitoringconstructs.MonitoringFacade;
import io.github.cdklabs.cdkmonitoringconstructs.MonitoringFacadeProps;
import io.github.cdklabs.cdkmonitoringconstructs.ThrottledEventsThreshold;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The on-call view of one workload account: one dashboard with a row of widgets per service, and each service's
 * alarms (its Lambda, its table, its own GraphQL error metric; the router's fetches from each subgraph), built
 * with cdk-monitoring-constructs. Every alarm name starts with its service's prefix, which names the team it is
 * routed to, and every alarm description carries the link to the runbook of its kind.
 */
public final class WorkloadMonitoring extends Construct {
    /**
     * Alarm keys become the last word of alarm names, which is how the central routing reads severity: what hurts
     * users now is critical (errors, failing requests); what predicts it is a warning (latency, throttling).
     */
    static final String CRITICAL = Severity.CRITICAL.alarmKey();
    static final String WARNING = Severity.WARNING.alarmKey();

    public WorkloadMonitoring(Construct scope, String id, WorkloadMonitoringProps props) {
        super(scope, id);
        // one dashboard for the account, shared by the services' facades: each facade has one alarm name prefix,
        // and the prefix carries the owning team the alarm is routed to
        DefaultDashboardFactory dashboard = new DefaultDashboardFactory(this, "Dashboards", MonitoringDashboardsProps.builder()
                .dashboardNamePrefix(props.name())
                .createDashboard(true)
                .createSummaryDashboard(false)
                .createAlarmDashboard(false)
                .build());
        for (MonitoredService service : props.services()) {
            MonitoringFacade facade = new MonitoringFacade(this, service.service(), MonitoringFacadeProps.builder()
                    .alarmFactoryDefaults(AlarmFactoryDefaults.builder()
                            .alarmNamePrefix(service.alarmNamePrefix())
                            .actionsEnabled(true)
                            .datapointsToAlarm(3)
                            .evaluationPeriods(5)
                            .build())
                    .metricFactoryDefaults(MetricFactoryDefaults.builder().build())
                    .dashboardFactory(dashboard)
                    .build());
            if (service == props.services().get(0)) {
                facade.addLargeHeader("Workload " + props.name() + " (" + props.environment() + ")");
            }
            watch(facade, service, props);
        }
    }

    private static void watch(MonitoringFacade facade, MonitoredService service, WorkloadMonitoringProps props) {
        AlarmThresholds limits = props.thresholds();
        RunbookIndex runbooks = props.runbooks();
        facade.monitorLambdaFunction(LambdaFunctionMonitoringProps.builder()
                .lambdaFunction(service.function())
                .humanReadableName(service.title())
                .alarmFriendlyName(service.service() + "-lambda")
                .addFaultRateAlarm(Map.of(CRITICAL, ErrorRateThreshold.builder()
                        .maxErrorRate(limits.lambdaErrorRatePercent() / 100)
                        .runbookLink(runbooks.link(AlarmKind.LAMBDA_ERRORS)).build()))
                .addFaultCountAlarm(Map.of(CRITICAL, ErrorCountThreshold.builder()
                        .maxErrorCount(limits.lambdaErrorCount())
                        .runbookLink(runbooks.link(AlarmKind.LAMBDA_ERRORS)).build()))
                .addLatencyP99Alarm(Map.of(WARNING, LatencyThreshold.builder()
                        .maxLatency(Duration.millis(limits.lambdaP99Latency().toMillis()))
                        .runbookLink(runbooks.link(AlarmKind.LAMBDA_LATENCY)).build()))
                .addThrottlesCountAlarm(Map.of(WARNING, ErrorCountThreshold.builder()
                        .maxErrorCount(limits.lambdaThrottles())
                        .runbookLink(runbooks.link(AlarmKind.LAMBDA_THROTTLES)).build()))
                .build());
        service.table().ifPresent(table -> facade.monitorDynamoTable(DynamoTableMonitoringProps.builder()
                .table(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .humanReadableName(service.title() + ": table")
                .alarmFriendlyName(service.service() + "-table")
                .addReadThrottledEventsCountAlarm(Map.of(WARNING, ThrottledEventsThreshold.builder()
                        .maxThrottledEventsThreshold(limits.tableThrottledEvents())
                        .runbookLink(runbooks.link(AlarmKind.DYNAMODB_THROTTLES)).build()))
                .addWriteThrottledEventsCountAlarm(Map.of(WARNING, ThrottledEventsThreshold.builder()
                        .maxThrottledEventsThreshold(limits.tableThrottledEvents())
                        .runbookLink(runbooks.link(AlarmKind.DYNAMODB_THROTTLES)).build()))
                .addSystemErrorCountAlarm(Map.of(CRITICAL, ErrorCountThreshold.builder()
                        .maxErrorCount(limits.tableSystemErrors())
                        .runbookLink(runbooks.link(AlarmKind.DYNAMODB_ERRORS)).build()))
                .build()));

        String environment = props.environment();
        List<CustomMetricGroup> groups = new ArrayList<>();
        groups.add(CustomMetricGroup.builder()
                .title("GraphQL responses with server-side errors")
                .metrics(List.of(CustomMetricWithAlarm.builder()
                        .metric(serviceMetric(MetricContract.GRAPHQL_ERRORS, service.service(), environment))
                        .alarmFriendlyName("graphql-errors")
                        .addAlarm(Map.of(CRITICAL, countAbove(limits.graphqlErrors(), runbooks.link(AlarmKind.GRAPHQL_ERRORS))))
                        .build()))
                .build());
        groups.add(CustomMetricGroup.builder()
                // not alarmed: what clients get wrong is theirs to fix, and must not page anyone
                .title("GraphQL requests rejected as invalid")
                .metrics(List.of(serviceMetric(MetricContract.GRAPHQL_CLIENT_ERRORS, service.service(), environment)))
                .build());
        if (!service.routedSubgraphs().isEmpty()) {
            // per operation: the client names operations, so which ones exist is known only to a search
            groups.add(CustomMetricGroup.builder()
                    .title("Operations answered with server-side errors, by operation")
                    .metrics(List.of(perOperation(MetricContract.OPERATION_ERRORS, "Sum", service.service(), environment)))
                    .build());
            groups.add(CustomMetricGroup.builder()
                    .title("Operation latency p99, by operation")
                    .metrics(List.of(perOperation(MetricContract.OPERATION_LATENCY, "p99", service.service(), environment)))
                    .build());
        }
        for (String subgraph : service.routedSubgraphs()) {
            groups.add(CustomMetricGroup.builder()
                    .title("Fetches from the " + subgraph + " subgraph: failed, and p99 latency")
                    .metrics(List.of(
                            CustomMetricWithAlarm.builder()
                                    .metric(subgraphMetric(MetricContract.SUBGRAPH_ERRORS, "Sum", service.service(),
                                            environment, subgraph))
                                    .alarmFriendlyName(subgraph + "-subgraph-errors")
                                    .addAlarm(Map.of(CRITICAL, countAbove(limits.subgraphErrors(),
                                            runbooks.link(AlarmKind.SUBGRAPH_ERRORS))))
                                    .build(),
                            CustomMetricWithAlarm.builder()
                                    .metric(subgraphMetric(MetricContract.SUBGRAPH_LATENCY, "p99", service.service(),
                                            environment, subgraph))
                                    .alarmFriendlyName(subgraph + "-subgraph-latency")
                                    .addAlarm(Map.of(WARNING, CustomThreshold.builder()
                                            .threshold(limits.subgraphP99Latency().toMillis())
                                            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                                            // no fetches, no latency: a quiet night is not a problem
                                            .treatMissingDataOverride(TreatMissingData.NOT_BREACHING)
                                            .runbookLink(runbooks.link(AlarmKind.SUBGRAPH_LATENCY))
                                            .build()))
                                    .build()))
                    .build());
        }
        for (MetricDefinition shown : service.shownMetrics()) {
            groups.add(CustomMetricGroup.builder()
                    .title(shown.meaning())
                    .metrics(List.of(serviceMetric(shown, service.service(), environment)))
                    .build());
        }
        facade.monitorCustom(CustomMonitoringProps.builder()
                .humanReadableName(service.title() + ": service metrics")
                .alarmFriendlyName(service.service() + "-service")
                .metricGroups(groups)
                .build());
    }

    private static CustomThreshold countAbove(int threshold, String runbookLink) {
        return CustomThreshold.builder()
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                // the service emits the count only when it happens: no data means none
                .treatMissingDataOverride(TreatMissingData.NOT_BREACHING)
                .runbookLink(runbookLink)
                .build();
    }

    /** A metric the service emits itself, addressed exactly as the metric contract says it is emitted. */
    static Metric serviceMetric(MetricDefinition definition, String service, String environment) {
        return metric(definition, "Sum", Map.of(MetricContract.DIMENSION_SERVICE, service,
                MetricContract.DIMENSION_ENVIRONMENT, environment));
    }

    /** A router metric about its fetches from one subgraph. */
    static Metric subgraphMetric(MetricDefinition definition, String statistic, String router, String environment,
                                 String subgraph) {
        return metric(definition, statistic, Map.of(MetricContract.DIMENSION_SERVICE, router,
                MetricContract.DIMENSION_ENVIRONMENT, environment, MetricContract.DIMENSION_SUBGRAPH, subgraph));
    }

    /**
     * A router metric of every operation it has seen, as a CloudWatch search (dashboards only: alarms cannot
     * watch a search).
     */
    static MathExpression perOperation(MetricDefinition definition, String statistic, String router, String environment) {
        if (!definition.dimensions().contains(MetricContract.DIMENSION_OPERATION)) {
            throw new IllegalArgumentException(definition.name() + " has no " + MetricContract.DIMENSION_OPERATION
                    + " dimension; it is emitted with " + definition.dimensions());
        }
        String schema = "{" + MetricContract.NAMESPACE + "," + String.join(",", definition.dimensions()) + "}";
        return MathExpression.Builder.create()
                .expression("SEARCH('" + schema + " MetricName=\"" + definition.name() + "\" "
                        + MetricContract.DIMENSION_SERVICE + "=\"" + router + "\" "
                        + MetricContract.DIMENSION_ENVIRONMENT + "=\"" + environment + "\"', '" + statistic + "', 300)")
                .usingMetrics(Map.of())
                // one line per operation, each named by it
                .label("${PROP('Dim." + MetricContract.DIMENSION_OPERATION + "')}")
                .period(Duration.minutes(5))
                .build();
    }

    private static Metric metric(MetricDefinition definition, String statistic, Map<String, String> dimensions) {
        if (!dimensions.keySet().equals(Set.copyOf(definition.dimensions()))) {
            throw new IllegalArgumentException(definition.name() + " is emitted with the dimensions "
                    + definition.dimensions() + ", not " + new TreeSet<>(dimensions.keySet())
                    + "; a metric addressed otherwise has no data");
        }
        return Metric.Builder.create()
                .namespace(MetricContract.NAMESPACE)
                .metricName(definition.name())
                .dimensionsMap(dimensions)
                .statistic(statistic)
                .period(Duration.minutes(5))
                .label(definition.meaning())
                .build();
    }
}
