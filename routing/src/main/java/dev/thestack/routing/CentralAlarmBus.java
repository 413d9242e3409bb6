package dev.thestack.routing;

import dev.thestack.model.StableJson;
import dev.thestack.model.Account;
import dev.thestack.model.AccountRole;
import dev.thestack.model.AlarmDestination;
import dev.thestack.model.AlarmNames;
import dev.thestack.model.AlarmRouting;
import dev.thestack.model.StackConfig;
import dev.thestack.runbooks.RunbookIndex;
import software.amazon.awscdk.services.chatbot.CfnSlackChannelConfiguration;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.CfnEventBus;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.CfnSubscription;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitoring account's end of alarm routing: the central event bus (only accounts of the organization may put
 * events on it), one SNS topic per destination with its subscriber (pager over HTTPS, Slack through AWS Chatbot,
 * email), and one rule per route plus the catch-all ({@link AlarmRules}). Every rule target and every subscription
 * has retries and a dead-letter queue, and every dead-letter queue is alarmed.
 */
public final class CentralAlarmBus extends Construct {
    /** Retry for a day: a page delayed by an outage is still worth delivering, a day-old one is not. */
    static CfnRule.RetryPolicyProperty retryPolicy() {
        return CfnRule.RetryPolicyProperty.builder().maximumRetryAttempts(185).maximumEventAgeInSeconds(86_400).build();
    }

    private final CfnEventBus bus;
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final Map<String, CfnRule> rules = new LinkedHashMap<>();
    private final List<Queue> deadLetterQueues = new java.util.ArrayList<>();

    public CentralAlarmBus(Construct scope, String id, StackConfig config, RunbookIndex runbooks) {
        super(scope, id);
        AlarmRouting routing = config.alarmRouting().orElseThrow(() -> new IllegalArgumentException("no alarmRouting in the model"));
        Account monitoring = config.accountWithRole(AccountRole.MONITORING);
        String alarmPrefix = AlarmNames.prefix(monitoring.team(), "routing", monitoring.name());

        String busArn = AlarmRules.busArn(config);
        this.bus = CfnEventBus.Builder.create(this, "Bus").name(AlarmRules.busName(config))
                .description("Alarm state changes of every account of the organization")
                .policy(StableJson.sorted(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Sid", "OrganizationAccountsPutAlarmEvents",
                        "Effect", "Allow", "Principal", "*", "Action", "events:PutEvents", "Resource", busArn,
                        "Condition", Map.of("StringEquals", Map.of("aws:PrincipalOrgID", config.organization().id())))))))
                .build();

        Key key = Key.Builder.create(this, "Key").enableKeyRotation(true)
                .description("Encrypts the alarm destination topics").build();
        for (String publisher : List.of("events.amazonaws.com", "cloudwatch.amazonaws.com")) {
            key.grant(new ServicePrincipal(publisher), "kms:Decrypt", "kms:GenerateDataKey*");
        }
        for (AlarmDestination destination : routing.destinations()) {
            topics.put(destination.name(), destinationTopic(config, destination, key, alarmPrefix, runbooks));
        }
        Topic catchAll = topics.get(routing.catchAll());
        for (AlarmRules.Rule rule : AlarmRules.rules(config)) {
            rules.put(rule.name(), rule(rule, topics.get(rule.destination()), alarmPrefix, runbooks, catchAll));
        }
    }

    private Topic destinationTopic(StackConfig config, AlarmDestination destination, Key key, String alarmPrefix,
                                   RunbookIndex runbooks) {
        Construct scope = new Construct(this, "Destination-" + destination.name());
        Topic topic = Topic.Builder.create(scope, "Topic").masterKey(key).enforceSsl(true)
                .displayName("Alarms for " + destination.name()).build();
        if (destination.type() == AlarmDestination.Type.CHAT) {
            Role role = Role.Builder.create(scope, "ChatbotRole")
                    .assumedBy(new ServicePrincipal("chatbot.amazonaws.com"))
                    .description("AWS Chatbot posts alarm notifications; it may run nothing in this account")
                    .build();
            CfnSlackChannelConfiguration.Builder.create(scope, "Slack")
                    .configurationName(config.organization().name() + "-" + destination.name())
                    .iamRoleArn(role.getRoleArn())
                    .slackWorkspaceId(destination.slackWorkspaceId().orElseThrow())
                    .slackChannelId(destination.slackChannelId().orElseThrow())
                    .snsTopicArns(List.of(topic.getTopicArn()))
                    .guardrailPolicies(List.of("arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"))
                    .loggingLevel("ERROR")
                    .build();
            return topic;
        }
        DeliveryQueue deadLetters = new DeliveryQueue(scope, "Subscription-" + destination.name(), alarmPrefix, runbooks);
        deadLetterQueues.add(deadLetters.queue());
        boolean pager = destination.type() == AlarmDestination.Type.PAGER;
        CfnSubscription.Builder.create(scope, "Subscription")
                .topicArn(topic.getTopicArn())
                .protocol(pager ? "https" : "email")
                // the pager URL carries its integration key: CloudFormation reads it from SSM at deploy time
                .endpoint(pager ? "{{resolve:ssm:" + destination.endpointParameter().orElseThrow() + "}}"
                        : destination.address().orElseThrow())
                .redrivePolicy(Map.of("deadLetterTargetArn", deadLetters.queue().getQueueArn()))
                .build();
        allowToSend(deadLetters.queue(), "sns.amazonaws.com", topic.getTopicArn());
        return topic;
    }

    private CfnRule rule(AlarmRules.Rule rule, Topic topic, String alarmPrefix, RunbookIndex runbooks, Topic catchAll) {
        DeliveryQueue deadLetters = new DeliveryQueue(this, "Rule-" + rule.name(), alarmPrefix, runbooks);
        deadLetterQueues.add(deadLetters.queue());
        CfnRule resource = CfnRule.Builder.create(this, "EventRule-" + rule.name())
                .name(rule.name())
                .eventBusName(bus.getName())
                .description(rule.description().length() > 512 ? rule.description().substring(0, 509) + "..." : rule.description())
                .eventPattern(StableJson.sorted(rule.pattern()))
                .targets(List.of(CfnRule.TargetProperty.builder()
                        .id(rule.destination())
                        .arn(topic.getTopicArn())
                        .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder().arn(deadLetters.queue().getQueueArn()).build())
                        .retryPolicy(retryPolicy())
                        .build()))
                .build();
        resource.addResourceDependency(bus);
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", resource.getAttrArn())))
                .build());
        allowToSend(deadLetters.queue(), "events.amazonaws.com", resource.getAttrArn());
        // straight to the catch-all's topic: a stuck rule must not depend on the rules to be heard
        deadLetters.alarm().addAlarmAction(new SnsAction(catchAll));
        return resource;
    }

    static void allowToSend(Queue queue, String service, String sourceArn) {
        queue.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal(service)))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(queue.getQueueArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", sourceArn)))
                .build());
    }

    public CfnEventBus bus() {
        return bus;
    }

    /** The dead-letter queues of every rule target and subscription. */
    public List<Queue> deadLetterQueues() {
        return Collections.unmodifiableList(deadLetterQueues);
    }

    public Map<String, CfnRule> rules() {
        return Collections.unmodifiableMap(rules);
    }
}
