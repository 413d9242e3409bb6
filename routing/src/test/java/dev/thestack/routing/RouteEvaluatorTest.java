package dev.thestack.routing;

import dev.thestack.model.StackConfig;
import dev.thestack.model.StackConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The repository's routing, evaluated with event-ruler on events in the exact shape CloudWatch sends. Expected
 * destinations come from stack.yaml's routes as a person reads them, not from the code under test.
 */
class RouteEvaluatorTest {
    static final StackConfig CONFIG = StackConfigLoader.load(
            Path.of(System.getProperty("thestack.root", "..")).resolve("stack.yaml"));
    private static final RouteEvaluator EVALUATOR = new RouteEvaluator(CONFIG);

    /** A CloudWatch Alarm State Change event as EventBridge delivers it. */
    static String event(String account, String alarmName, String previous, String state) {
        return """
                {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
                 "detail-type": "CloudWatch Alarm State Change", "source": "aws.cloudwatch",
                 "account": "%s", "time": "2026-12-03T09:00:00Z", "region": "eu-west-1",
                 "resources": ["arn:aws:cloudwatch:eu-west-1:%s:alarm:%s"],
                 "detail": {"alarmName": "%s",
                   "state": {"value": "%s", "reason": "Threshold Crossed", "timestamp": "2026-12-03T09:00:00.000+0000"},
                   "previousState": {"value": "%s", "reason": "Threshold Crossed", "timestamp": "2026-12-03T08:00:00.000+0000"},
                   "configuration": {"description": "Runbook: https://example.com/r.md", "metrics": []}}}
                """.formatted(account, account, alarmName, alarmName, state, previous);
    }

    private static List<String> destinations(String account, String alarmName, String previous, String state) throws Exception {
        return EVALUATOR.evaluate(event(account, alarmName, previous, state)).matched().stream()
                .map(AlarmRules.Rule::destination).toList();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}->{4}: {5}")
    @CsvSource(delimiter = '|', textBlock = """
        555555555555 | product  | Critical | OK    | ALARM | pager
        555555555555 | product  | Critical | ALARM | OK    | pager
        666666666666 | product  | Critical | OK    | ALARM | pager
        777777777777 | product  | Critical | OK    | ALARM | chat
        888888888888 | product  | Critical | OK    | ALARM | chat
        888888888888 | product  | Critical | ALARM | OK    | chat
        444444444444 | platform | Critical | OK    | ALARM | pager
        555555555555 | platform | Critical | OK    | ALARM | pager
        777777777777 | platform | Critical | OK    | ALARM | chat
        555555555555 | product  | Warning  | OK    | ALARM | chat
        777777777777 | product  | Warning  | ALARM | OK    | chat
        888888888888 | product  | Warning  | OK    | ALARM | chat
        444444444444 | platform | Warning  | OK    | ALARM | chat
        555555555555 | product  | Info     | OK    | ALARM | platform-email
        888888888888 | platform | Info     | ALARM | OK    | platform-email
        555555555555 | billing  | Critical | OK    | ALARM | platform-email
        888888888888 | billing  | Critical | OK    | ALARM | platform-email
        999999999999 | product  | Critical | OK    | ALARM | platform-email
        555555555555 | product  | Critical | OK    | INSUFFICIENT_DATA | platform-email
        555555555555 | product  | Critical | INSUFFICIENT_DATA | OK | platform-email
        555555555555 | product  | Critical | ALARM | INSUFFICIENT_DATA | platform-email
        555555555555 | product  | Urgent   | OK    | ALARM | platform-email
        """)
    void eachSeverityEnvironmentTeamAndTransitionReachesItsDestination(String account, String team, String severity,
                                                                         String previous, String state, String expected) throws Exception {
        String alarm = team + ".todo.some-account-todo-lambda-Fault-Rate-" + severity;

        assertThat(destinations(account, alarm, previous, state)).containsExactly(expected);
    }

    @Test
    void devAlarmsNeverPageWhateverTheirSeverity() throws Exception {
        for (String severity : List.of("Critical", "Warning", "Info")) {
            for (String state : List.of("ALARM", "OK", "INSUFFICIENT_DATA")) {
                assertThat(destinations("888888888888", "product.todo.dev-alice-x-" + severity, "OK", state))
                        .as(severity + " " + state).doesNotContain("pager").isNotEmpty();
            }
        }
    }

    @Test
    void everyCombinationReachesSomeoneAndTheCatchAllOnlyTakesWhatNoRouteDoes() throws Exception {
        List<String> accounts = List.of("444444444444", "555555555555", "666666666666", "777777777777", "888888888888", "123456789012");
        for (String account : accounts) {
            for (String team : List.of("platform", "product", "nobody")) {
                for (String severity : List.of("Critical", "Warning", "Info", "Other")) {
                    for (String state : List.of("ALARM", "OK", "INSUFFICIENT_DATA")) {
                        List<AlarmRules.Rule> matched = EVALUATOR.evaluate(event(account, team + ".x.y-" + severity, "OK", state)).matched();
                        assertThat(matched).as("%s %s %s %s", account, team, severity, state).isNotEmpty();
                        if (matched.stream().anyMatch(AlarmRules.Rule::isCatchAll)) {
                            assertThat(matched).as("catch-all alone: %s %s %s %s", account, team, severity, state).hasSize(1);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theEventIsReadTheWayTheRulesReadIt() throws Exception {
        var reading = EVALUATOR.evaluate(event("777777777777", "product.todo.integration-todo-table-Read-Throttled-Events-Warning",
                "OK", "ALARM")).reading();

        assertThat(reading.environment()).isEqualTo("integration");
        assertThat(reading.team()).isEqualTo("product");
        assertThat(reading.severity()).isEqualTo("Warning");
        assertThat(reading.previousState()).isEqualTo("OK");
    }

    @Test
    void aRoutingTooLargeForEventBridgeIsRefusedNamingTheRule() throws Exception {
        String yaml = java.nio.file.Files.readString(Path.of(System.getProperty("thestack.root", "..")).resolve("stack.yaml"));
        StringBuilder teams = new StringBuilder("teams:\n");
        for (int i = 0; i < 40; i++) {
            teams.append("  - name: team-").append(i).append("\n    email: t").append(i)
                    .append("@acme.example\n    costCenter: CC-1000\n");
        }
        StackConfig many = StackConfigLoader.parse(yaml.replace("teams:\n", teams), "many.yaml");

        assertThatThrownBy(() -> AlarmRules.checkSizes(many, "many.yaml"))
                .hasMessageContaining("alarmRouting: rule catch-all would be a")
                .hasMessageContaining("EventBridge accepts 2048");
        AlarmRules.checkSizes(CONFIG, "stack.yaml");
    }

    @Test
    void eventsThatAreNotAlarmStateChangesAreRefusedWithTheReason() {
        String good = event("888888888888", "product.todo.dev-alice-x-Critical", "OK", "ALARM");
        assertThatThrownBy(() -> EVALUATOR.evaluate(good.replace("\"account\": \"888888888888\",",
                "\"account\": \"888888888888\", \"account\": \"555555555555\",")))
                .as("a duplicate key: the report and event-ruler could read different values").hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> EVALUATOR.evaluate(good + " {}")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> EVALUATOR.evaluate("  ")).hasMessageContaining("the event is empty");
        assertThatThrownBy(() -> EVALUATOR.evaluate("{\"source\": \"aws.ec2\", \"detail-type\": \"EC2 Instance State-change Notification\"}"))
                .hasMessageContaining("'EC2 Instance State-change Notification' event from 'aws.ec2'");
        assertThatThrownBy(() -> EVALUATOR.evaluate("{\"source\": \"aws.cloudwatch\""))
                .hasMessageContaining("not valid JSON at line 1");
        assertThatThrownBy(() -> EVALUATOR.evaluate("[1, 2]")).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> EVALUATOR.evaluate(event("5555", "a-Critical", "OK", "ALARM")))
                .hasMessageContaining("not a 12-digit account id");
        assertThatThrownBy(() -> EVALUATOR.evaluate(event("555555555555", "a-Critical", "OK", "ALARM")
                .replace("\"alarmName\": \"a-Critical\",", "")))
                .hasMessageContaining("no 'detail.alarmName'");
    }
}
