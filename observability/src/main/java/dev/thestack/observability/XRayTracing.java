package dev.thestack.observability;

import dev.thestack.model.StableJson;
import dev.thestack.model.SamplingRule;
import dev.thestack.model.TraceGroup;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.xray.CfnGroup;
import software.amazon.awscdk.services.xray.CfnSamplingRule;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * X-Ray of one account, from the model's tracing section: a sampling rule per rule, a group per group (with
 * Insights), and, when asked for, encryption of the account's trace data with its own rotating KMS key.
 * <p>
 * CloudFormation has no resource for X-Ray's encryption setting, so a custom resource calls PutEncryptionConfig
 * (KMS with the key on create and update, back to X-Ray's default on delete). Per the X-Ray guide, whoever sets
 * the key needs kms:CreateGrant and kms:DescribeKey on it and readers need kms:Decrypt: the key policy grants the
 * first to the custom resource's role only; readers are the account's IAM principals the key policy delegates to.
 */
public final class XRayTracing extends Construct {
    /** The X-Ray API's name of the only sampling rule format. */
    static final int RULE_FORMAT_VERSION = 1;

    private final List<CfnSamplingRule> rules = new ArrayList<>();
    private final List<CfnGroup> groups = new ArrayList<>();
    private final Optional<Encryption> encryption;

    /** The key, the custom resource that points X-Ray at it, and the role and log group of its function. */
    public record Encryption(Key key, AwsCustomResource setting, Role role, LogGroup logGroup) {
    }

    public XRayTracing(Construct scope, String id, XRayTracingProps props) {
        super(scope, id);
        props.tracing().samplingRules().forEach(rule -> rules.add(samplingRule(rule)));
        props.tracing().groups().forEach(group -> groups.add(group(group)));
        this.encryption = props.tracing().kmsEncryption() ? Optional.of(encryption(props.logRetentionDays()))
                : Optional.empty();
    }

    private CfnSamplingRule samplingRule(SamplingRule rule) {
        CfnSamplingRule.SamplingRuleProperty.Builder definition = CfnSamplingRule.SamplingRuleProperty.builder()
                .ruleName(rule.name())
                .priority(rule.priority())
                .fixedRate(rule.fixedRate())
                .reservoirSize(rule.reservoirSize())
                .serviceName(rule.serviceName())
                .serviceType(rule.serviceType())
                .host(rule.host())
                .httpMethod(rule.httpMethod())
                .urlPath(rule.urlPath())
                .resourceArn(rule.resourceArn())
                .version(RULE_FORMAT_VERSION);
        if (!rule.attributes().isEmpty()) {
            definition.attributes(rule.attributes());
        }
        rule.boostOnErrors().ifPresent(boost -> definition.samplingRateBoost(
                CfnSamplingRule.SamplingRateBoostProperty.builder()
                        .maxRate(boost.maxRate())
                        .cooldownWindowMinutes(boost.cooldownWindowMinutes())
                        .build()));
        return CfnSamplingRule.Builder.create(this, "SamplingRule-" + rule.name())
                .samplingRule(definition.build())
                .build();
    }

    private CfnGroup group(TraceGroup group) {
        return CfnGroup.Builder.create(this, "Group-" + group.name())
                .groupName(group.name())
                .filterExpression(group.filter())
                .insightsConfiguration(CfnGroup.InsightsConfigurationProperty.builder()
                        .insightsEnabled(group.insights())
                        .notificationsEnabled(group.notifications())
                        .build())
                .build();
    }

    private Encryption encryption(int logRetentionDays) {
        Key key = Key.Builder.create(this, "Key")
                .description("Encrypts this account's X-Ray trace data")
                .enableKeyRotation(true)
                // traces stay unreadable without it: it outlives the stack
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        LogGroup logGroup = LogGroup.Builder.create(this, "EncryptionSettingLogs")
                .retention(LogRetention.of(logRetentionDays))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Role role = FunctionRoles.writingTo(this, "EncryptionSettingRole",
                "Points X-Ray at its KMS key: its own log group, xray:PutEncryptionConfig", logGroup);
        AwsCustomResource setting = AwsCustomResource.Builder.create(this, "EncryptionSetting")
                .resourceType("Custom::XRayEncryptionConfig")
                .onCreate(putEncryptionConfig(StableJson.sorted(Map.of("Type", "KMS", "KeyId", key.getKeyArn()))))
                .onUpdate(putEncryptionConfig(StableJson.sorted(Map.of("Type", "KMS", "KeyId", key.getKeyArn()))))
                .onDelete(putEncryptionConfig(Map.of("Type", "NONE")))
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("xray:PutEncryptionConfig"))
                        // the action has no resource-level permissions (X-Ray developer guide, IAM section)
                        .resources(List.of("*"))
                        .build())))
                .role(role)
                .logGroup(logGroup)
                .installLatestAwsSdk(false)
                .build();
        // the X-Ray guide: whoever configures the key calls kms:CreateGrant and kms:DescribeKey on it
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("LetTheEncryptionSettingHandTheKeyToXRay")
                .principals(List.of(role))
                .actions(List.of("kms:CreateGrant", "kms:DescribeKey"))
                .resources(List.of("*"))
                .build());
        return new Encryption(key, setting, role, logGroup);
    }

    private static AwsSdkCall putEncryptionConfig(Map<String, String> parameters) {
        return AwsSdkCall.builder()
                .service("XRay")
                .action("PutEncryptionConfig")
                .parameters(parameters)
                // one account-wide setting: a fixed id, so a new key is an update, not a replacement
                .physicalResourceId(PhysicalResourceId.of("xray-encryption-config"))
                .build();
    }

    public List<CfnSamplingRule> samplingRules() {
        return Collections.unmodifiableList(rules);
    }

    public List<CfnGroup> groups() {
        return Collections.unmodifiableList(groups);
    }

    public Optional<Encryption> encryption() {
        return encryption;
    }
}
