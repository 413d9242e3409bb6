package dev.thestack.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thestack.model.Account;
import dev.thestack.model.AccountRole;
import dev.thestack.model.StableJson;
import dev.thestack.model.Team;
import dev.thestack.routing.AlarmRules;
import dev.thestack.routing.RouteEvaluator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Alarm routing as synthesized: the central bus, its rules, the forwarders, dead letters, and who may put events. */
class AlarmRoutingStacksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SynthesizedOrganization org;
    private static JsonNode monitoring;

    @BeforeAll
    static void synthesize() {
        org = SynthesizedOrganization.get();
        monitoring = org.templates.get(org.config.accountWithRole(AccountRole.MONITORING).name());
    }

    private static List<JsonNode> resources(JsonNode template, String type) {
        List<JsonNode> found = new ArrayList<>();
        template.path("Resources").forEach(r -> {
            if (type.equals(r.path("Type").asText())) {
                found.add(r);
            }
        });
        return found;
    }

    @Test
    void theCentralBusRulesAreExactlyTheRulesStackRouteEvaluates() {
        List<JsonNode> synthesized = resources(monitoring, "AWS::Events::Rule").stream()
                .filter(r -> r.path("Properties").has("EventBusName")).toList();
        List<AlarmRules.Rule> evaluated = AlarmRules.rules(org.config);

        assertThat(synthesized).hasSameSizeAs(evaluated);
        for (AlarmRules.Rule rule : evaluated) {
            JsonNode resource = synthesized.stream().filter(r -> rule.name().equals(r.path("Properties").path("Name").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no synthesized rule " + rule.name()));
            assertThat(resource.path("Properties").path("EventPattern"))
                    .isEqualTo(JSON.valueToTree(StableJson.sorted(rule.pattern())));
        }
    }

    @Test
    void everyAlarmOfEveryWorkloadStackReachesARouteOfItsOwningTeamNotTheCatchAll() throws Exception {
        RouteEvaluator evaluator = new RouteEvaluator(org.config);
        ObjectNode event = (ObjectNode) JSON.readTree(
                SynthesizedOrganization.ROOT.resolve("examples/events/prod-critical-alarm.json").toFile());
        int alarms = 0;
        for (Account account : org.config.workloadAccounts()) {
            for (JsonNode alarm : resources(org.templates.get(account.name()), "AWS::CloudWatch::Alarm")) {
                String name = alarm.path("Properties").path("AlarmName").asText();
                event.put("account", account.id());
                ((ObjectNode) event.path("detail")).put("alarmName", name);

                RouteEvaluator.Evaluation evaluation = evaluator.evaluate(JSON.writeValueAsString(event));

                assertThat(evaluation.matched()).as(name).isNotEmpty().noneMatch(AlarmRules.Rule::isCatchAll);
                assertThat(org.config.teams()).extracting(Team::name).as(name).contains(evaluation.reading().team());
                alarms++;
            }
        }
        assertThat(alarms).as("27 in each workload account").isEqualTo(27 * org.config.workloadAccounts().size());
    }

    @Test
    void onlyAccountsOfTheOrganizationMayPutEventsOnTheBusOrLinkToTheSink() {
        JsonNode bus = resources(monitoring, "AWS::Events::EventBus").get(0).path("Properties");
        JsonNode sink = resources(monitoring, "AWS::Oam::Sink").get(0).path("Properties");
        String ours = org.config.organization().id();

        for (JsonNode policy : List.of(bus.path("Policy"), sink.path("Policy"))) {
            assertThat(allows(policy, ours)).as("a principal of %s", ours).isTrue();
            assertThat(allows(policy, "o-someoneelse1")).as("a principal of another organization").isFalse();
            assertThat(allows(policy, null)).as("a principal in no organization").isFalse();
        }
    }

    /** IAM's evaluation for these policies: some Allow whose conditions all hold (here: StringEquals on aws:PrincipalOrgID). */
    private static boolean allows(JsonNode policy, String principalOrgId) {
        return StreamSupport.stream(policy.path("Statement").spliterator(), false)
                .filter(s -> "Allow".equals(s.path("Effect").asText()))
                .anyMatch(s -> {
                    JsonNode orgCondition = s.path("Condition").path("StringEquals").path("aws:PrincipalOrgID");
                    return !orgCondition.isMissingNode() && orgCondition.asText().equals(principalOrgId);
                });
    }

    @Test
    void everyRuleTargetRetriesIntoADeadLetterQueueAndEveryDeadLetterQueueIsAlarmed() {
        for (Map.Entry<String, JsonNode> stack : org.templates.entrySet()) {
            JsonNode template = stack.getValue();
            for (JsonNode rule : resources(template, "AWS::Events::Rule")) {
                for (JsonNode target : rule.path("Properties").path("Targets")) {
                    assertThat(target.path("DeadLetterConfig").path("Arn").isMissingNode()).as(stack.getKey()).isFalse();
                    assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).as(stack.getKey()).isPositive();
                }
            }
            for (JsonNode subscription : resources(template, "AWS::SNS::Subscription")) {
                assertThat(subscription.path("Properties").path("RedrivePolicy").path("deadLetterTargetArn").isMissingNode())
                        .as(stack.getKey() + " subscription " + subscription.path("Properties").path("Protocol")).isFalse();
            }
            List<String> alarmedQueues = resources(template, "AWS::CloudWatch::Alarm").stream()
                    .flatMap(a -> StreamSupport.stream(a.path("Properties").path("Dimensions").spliterator(), false))
                    .filter(d -> "QueueName".equals(d.path("Name").asText()))
                    .map(d -> d.path("Value").path("Fn::GetAtt").get(0).asText()).toList();
            template.path("Resources").fields().forEachRemaining(e -> {
                if ("AWS::SQS::Queue".equals(e.getValue().path("Type").asText())) {
                    assertThat(alarmedQueues).as(stack.getKey() + " queue " + e.getKey()).contains(e.getKey());
                }
            });
        }
    }

    @Test
    void everyAlarmedAccountForwardsItsAlarmsToTheCentralBusWithItsOwnRole() {
        List<String> forwarding = AlarmRules.forwardingAccounts(org.config).stream().map(Account::name).toList();
        assertThat(forwarding).contains(org.config.accountWithRole(AccountRole.MONITORING).name())
                .containsAll(org.config.workloadAccounts().stream().map(Account::name).toList());
        for (String account : forwarding) {
            JsonNode target = resources(org.templates.get(account), "AWS::Events::Rule").stream()
                    .filter(r -> !r.path("Properties").has("EventBusName")).findFirst().orElseThrow()
                    .path("Properties").path("Targets").get(0);
            assertThat(target.path("Arn").asText()).as(account).isEqualTo(AlarmRules.busArn(org.config));
            assertThat(target.path("RoleArn").isMissingNode()).as(account).isFalse();
        }
    }

    @Test
    void everyAlarmNameStartsWithAKnownTeamAndEndsWithASeverity() {
        List<String> teams = org.config.teams().stream().map(Team::name).toList();
        for (Map.Entry<String, JsonNode> stack : org.templates.entrySet()) {
            for (JsonNode alarm : resources(stack.getValue(), "AWS::CloudWatch::Alarm")) {
                String name = alarm.path("Properties").path("AlarmName").asText();
                assertThat(name).as(stack.getKey()).matches("[a-z][a-z0-9-]*\\..+-(Critical|Warning|Info)");
                assertThat(teams).as(name).contains(name.substring(0, name.indexOf('.')));
            }
        }
    }

    @Test
    void thePagerUrlIsReadFromSsmAtDeployAndNeverWrittenIntoATemplate() {
        JsonNode pager = resources(monitoring, "AWS::SNS::Subscription").stream()
                .filter(s -> "https".equals(s.path("Properties").path("Protocol").asText())).findFirst().orElseThrow();

        assertThat(pager.path("Properties").path("Endpoint").asText())
                .isEqualTo("{{resolve:ssm:/acme/oncall/pager-url}}");
    }
}
