package dev.thestack.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thestack.model.Runbooks;
import dev.thestack.runbooks.RunbookIndex;
import dev.thestack.services.contract.MetricContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;

/** One account's view of a router in front of one subgraph, synthesized once for the class. */
class WorkloadMonitoringTest {
    private static final RunbookIndex RUNBOOKS = new RunbookIndex(new Runbooks("https://git.example/runbooks/alarms/"));
    private static Template template;
    private static List<String> alarmNames;

    @BeforeAll
    static void synthesize() {
        Stack stack = stack();
        new WorkloadMonitoring(stack, "Monitoring", new WorkloadMonitoringProps("dev-alice", "dev", RUNBOOKS, List.of(
                MonitoredService.builder().service("router").title("GraphQL router").alarmNamePrefix("platform.router.dev-alice")
                        .function(function(stack, "router")).routedSubgraphs(List.of("todo")).build(),
                MonitoredService.builder().service("todo").title("Todo subgraph").alarmNamePrefix("product.todo.dev-alice")
                        .function(function(stack, "todo")).shownMetrics(List.of(MetricContract.TODO_CREATED)).build()),
                AlarmThresholds.defaults()));
        template = Template.fromStack(stack);
        alarmNames = template.findResources("AWS::CloudWatch::Alarm").values().stream()
                .map(alarm -> String.valueOf(((Map<?, ?>) alarm.get("Properties")).get("AlarmName"))).sorted().toList();
    }

    @Test
    void eachServicesAlarmsCarryItsOwnPrefixOnOneSharedDashboard() {
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        assertThat(alarmNames).containsExactly(
                "platform.router.dev-alice-router-lambda-Fault-Count-Critical",
                "platform.router.dev-alice-router-lambda-Fault-Rate-Critical",
                "platform.router.dev-alice-router-lambda-Latency-P99-Warning",
                "platform.router.dev-alice-router-lambda-Throttled-Count-Warning",
                "platform.router.dev-alice-router-service-graphql-errors-Critical",
                "platform.router.dev-alice-router-service-todo-subgraph-errors-Critical",
                "platform.router.dev-alice-router-service-todo-subgraph-latency-Warning",
                "product.todo.dev-alice-todo-lambda-Fault-Count-Critical",
                "product.todo.dev-alice-todo-lambda-Fault-Rate-Critical",
                "product.todo.dev-alice-todo-lambda-Latency-P99-Warning",
                "product.todo.dev-alice-todo-lambda-Throttled-Count-Warning",
                "product.todo.dev-alice-todo-service-graphql-errors-Critical");
    }

    @Test
    void theRoutersPerOperationMetricsAreSearchesOfItsOwnServiceAndEnvironment() {
        String body = template.findResources("AWS::CloudWatch::Dashboard").values().iterator().next().toString();

        assertThat(body).contains("SEARCH('{TheStack,Service,Environment,Operation} MetricName=\\\"OperationErrors\\\""
                + " Service=\\\"router\\\" Environment=\\\"dev\\\"', 'Sum', 300)");
        assertThat(body).contains("MetricName=\\\"OperationLatency\\\"").contains("'p99', 300)");
    }

    @Test
    void aMetricShownWithoutTheDimensionsItIsEmittedWithIsRefused() {
        Stack stack = stack();
        WorkloadMonitoringProps props = new WorkloadMonitoringProps("dev-alice", "dev", RUNBOOKS, List.of(
                MonitoredService.builder().service("todo").title("Todo subgraph").alarmNamePrefix("product.todo.dev-alice")
                        .function(function(stack, "todo")).shownMetrics(List.of(MetricContract.SUBGRAPH_ERRORS)).build()),
                AlarmThresholds.defaults());

        assertThatThrownBy(() -> new WorkloadMonitoring(stack, "Monitoring", props))
                .hasMessage("SubgraphErrors is emitted with the dimensions [Service, Environment, Subgraph], not"
                        + " [Environment, Service]; a metric addressed otherwise has no data");
    }

    private static Stack stack() {
        return new Stack(new App(), "monitoring-test", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
    }

    private static IFunction function(Stack stack, String name) {
        return Function.fromFunctionName(stack, name, name);
    }
}
