package dev.thestack.routing;

import dev.thestack.model.StableJson;
import dev.thestack.runbooks.RunbookIndex;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * In one account: every CloudWatch alarm state change on the default event bus goes to the central alarm bus of
 * the monitoring account, with retries and a dead-letter queue. If forwarding itself fails, the dead-letter alarm
 * cannot travel the same road, so it emails the platform team from this account directly.
 */
public final class AlarmForwarder extends Construct {
    private final CfnRule rule;
    private final DeliveryQueue deadLetters;
    private final List<software.amazon.awscdk.services.sqs.Queue> queues;

    /**
     * @param centralBusArn   the monitoring account's alarm bus ({@link AlarmRules#busArn})
     * @param alarmNamePrefix prefix of this account's platform alarms ({@code AlarmNames.prefix(platform team, ...)})
     * @param platformEmail   who hears about forwarding failures
     */
    public AlarmForwarder(Construct scope, String id, String centralBusArn, String alarmNamePrefix,
                          String platformEmail, RunbookIndex runbooks) {
        super(scope, id);
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("events.amazonaws.com"))
                .description("Lets EventBridge put this account's alarm state changes on the central alarm bus")
                .inlinePolicies(Map.of("PutOnCentralBus", PolicyDocument.Builder.create().statements(List.of(
                        PolicyStatement.Builder.create().actions(List.of("events:PutEvents"))
                                .resources(List.of(centralBusArn)).build())).build()))
                .build();
        this.deadLetters = new DeliveryQueue(this, "Forwarding", alarmNamePrefix, runbooks);
        this.rule = CfnRule.Builder.create(this, "Rule")
                .description("Forwards every CloudWatch alarm state change to the central alarm bus")
                .eventPattern(StableJson.sorted(Map.of("source", List.of(AlarmRules.SOURCE), "detail-type", List.of(AlarmRules.DETAIL_TYPE))))
                .targets(List.of(CfnRule.TargetProperty.builder()
                        .id("CentralAlarmBus")
                        .arn(centralBusArn)
                        .roleArn(role.getRoleArn())
                        .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder().arn(deadLetters.queue().getQueueArn()).build())
                        .retryPolicy(CentralAlarmBus.retryPolicy())
                        .build()))
                .build();
        CentralAlarmBus.allowToSend(deadLetters.queue(), "events.amazonaws.com", rule.getAttrArn());
        Key key = Key.Builder.create(this, "Key").enableKeyRotation(true)
                .description("Encrypts the forwarding-failure topic").build();
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        Topic failures = Topic.Builder.create(this, "Failures").masterKey(key).enforceSsl(true)
                .displayName("Alarm forwarding failures").build();
        // if the email itself bounces, that dead-letter alarm still travels the normal road (this rule)
        DeliveryQueue undeliveredEmail = new DeliveryQueue(this, "FailureEmail", alarmNamePrefix, runbooks);
        failures.addSubscription(EmailSubscription.Builder.create(platformEmail)
                .deadLetterQueue(undeliveredEmail.queue()).build());
        deadLetters.alarm().addAlarmAction(new SnsAction(failures));
        queues = List.of(deadLetters.queue(), undeliveredEmail.queue());
    }

    public CfnRule rule() {
        return rule;
    }

    /** Every dead-letter queue of the forwarding: the forwarder's, and the failure email's. */
    public List<software.amazon.awscdk.services.sqs.Queue> deadLetterQueues() {
        return queues;
    }

    public String deadLetterAlarmName() {
        return deadLetters.alarm().getAlarmName();
    }
}
