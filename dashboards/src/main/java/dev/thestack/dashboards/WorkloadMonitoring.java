package dev.thestack.dashboards;

import dev.thestack.model.Severity;
import dev.thestack.runbooks.AlarmKind;
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
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The on-call view of one workload account: a dashboard and alarms for the Todo subgraph's Lambda, its table and
 * its own GraphQL error metric, built with cdk-monitoring-constructs. Every alarm description carries the link
 * to the runbook of its kind.
 */
public final class WorkloadMonitoring extends Construct {
    /**
     * Alarm keys become the last word of alarm names, which is how the central routing reads severity: what hurts
     * users now is critical (errors, failing requests); what predicts it is a warning (latency, throttling).
     */
    static final String CRITICAL = Severity.CRITICAL.alarmKey();
    static final String WARNING = Severity.WARNING.alarmKey();

    private final MonitoringFacade facade;

    public WorkloadMonitoring(Construct scope, String id, WorkloadMonitoringProps props) {
        super(scope, id);
        AlarmThresholds limits = props.thresholds();
        this.facade = new MonitoringFacade(this, "Facade", MonitoringFacadeProps.builder()
                .alarmFactoryDefaults(AlarmFactoryDefaults.builder()
                        .alarmNamePrefix(props.alarmNamePrefix())
                        .actionsEnabled(true)
                        .datapointsToAlarm(3)
                        .evaluationPeriods(5)
                        .build())
                .metricFactoryDefaults(MetricFactoryDefaults.builder().build())
                .dashboardFactory(new DefaultDashboardFactory(this, "Dashboards", MonitoringDashboardsProps.builder()
                        .dashboardNamePrefix(props.name())
                        .createDashboard(true)
                        .createSummaryDashboard(false)
                        .createAlarmDashboard(false)
                        .build()))
                .build());

        facade.addLargeHeader("Workload " + props.name() + " (" + props.environment() + ")");
        facade.monitorLambdaFunction(LambdaFunctionMonitoringProps.builder()
                .lambdaFunction(props.todoFunction())
                .humanReadableName("Todo subgraph")
                .alarmFriendlyName("todo-lambda")
                .addFaultRateAlarm(Map.of(CRITICAL, ErrorRateThreshold.builder()
                        .maxErrorRate(limits.lambdaErrorRatePercent() / 100)
                        .runbookLink(props.runbooks().link(AlarmKind.LAMBDA_ERRORS)).build()))
                .addFaultCountAlarm(Map.of(CRITICAL, ErrorCountThreshold.builder()
                        .maxErrorCount(limits.lambdaErrorCount())
                        .runbookLink(props.runbooks().link(AlarmKind.LAMBDA_ERRORS)).build()))
                .addLatencyP99Alarm(Map.of(WARNING, LatencyThreshold.builder()
                        .maxLatency(Duration.millis(limits.lambdaP99Latency().toMillis()))
                        .runbookLink(props.runbooks().link(AlarmKind.LAMBDA_LATENCY)).build()))
                .addThrottlesCountAlarm(Map.of(WARNING, ErrorCountThreshold.builder()
                        .maxErrorCount(limits.lambdaThrottles())
                        .runbookLink(props.runbooks().link(AlarmKind.LAMBDA_THROTTLES)).build()))
                .build());
        facade.monitorDynamoTable(DynamoTableMonitoringProps.builder()
                .table(props.todoTable())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .humanReadableName("Todo table")
                .alarmFriendlyName("todo-table")
                .addReadThrottledEventsCountAlarm(Map.of(WARNING, ThrottledEventsThreshold.builder()
                        .maxThrottledEventsThreshold(limits.tableThrottledEvents())
                        .runbookLink(props.runbooks().link(AlarmKind.DYNAMODB_THROTTLES)).build()))
                .addWriteThrottledEventsCountAlarm(Map.of(WARNING, ThrottledEventsThreshold.builder()
                        .maxThrottledEventsThreshold(limits.tableThrottledEvents())
                        .runbookLink(props.runbooks().link(AlarmKind.DYNAMODB_THROTTLES)).build()))
                .addSystemErrorCountAlarm(Map.of(CRITICAL, ErrorCountThreshold.builder()
                        .maxErrorCount(limits.tableSystemErrors())
                        .runbookLink(props.runbooks().link(AlarmKind.DYNAMODB_ERRORS)).build()))
                .build());
        facade.monitorCustom(CustomMonitoringProps.builder()
                .humanReadableName("Todo subgraph: service metrics")
                .alarmFriendlyName("todo-service")
                .metricGroups(List.of(
                        CustomMetricGroup.builder()
                                .title("GraphQL responses with server-side errors")
                                .metrics(List.of(CustomMetricWithAlarm.builder()
                                        .metric(serviceMetric(MetricContract.GRAPHQL_ERRORS, "todo", props.environment()))
                                        .alarmFriendlyName("graphql-errors")
                                        .addAlarm(Map.of(CRITICAL, CustomThreshold.builder()
                                                .threshold(limits.graphqlErrors())
                                                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                                                .treatMissingDataOverride(TreatMissingData.NOT_BREACHING)
                                                .runbookLink(props.runbooks().link(AlarmKind.GRAPHQL_ERRORS))
                                                .build()))
                                        .build()))
                                .build(),
                        CustomMetricGroup.builder()
                                // not alarmed: what clients get wrong is theirs to fix, and must not page anyone
                                .title("GraphQL requests rejected as invalid")
                                .metrics(List.of(serviceMetric(MetricContract.GRAPHQL_CLIENT_ERRORS, "todo", props.environment())))
                                .build(),
                        CustomMetricGroup.builder()
                                .title("Todos created")
                                .metrics(List.of(serviceMetric(MetricContract.TODO_CREATED, "todo", props.environment())))
                                .build()))
                .build());
    }

    public MonitoringFacade facade() {
        return facade;
    }

    /** A metric the service emits itself, addressed exactly as the metric contract says it is emitted. */
    static Metric serviceMetric(MetricDefinition definition, String service, String environment) {
        return Metric.Builder.create()
                .namespace(MetricContract.NAMESPACE)
                .metricName(definition.name())
                .dimensionsMap(Map.of(MetricContract.DIMENSION_SERVICE, service,
                        MetricContract.DIMENSION_ENVIRONMENT, environment))
                .statistic("Sum")
                .period(Duration.minutes(5))
                .label(definition.meaning())
                .build();
    }
}
