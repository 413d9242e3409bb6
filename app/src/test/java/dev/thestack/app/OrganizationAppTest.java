package dev.thestack.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.model.Account;
import dev.thestack.model.AccountRole;
import dev.thestack.model.AlarmNames;
import dev.thestack.model.SamplingRule;
import dev.thestack.model.TraceGroup;
import dev.thestack.model.StackConfig;
import dev.thestack.dashboards.AlarmThresholds;
import dev.thestack.runbooks.AlarmKind;
import dev.thestack.runbooks.RunbookIndex;
import dev.thestack.services.contract.MetricContract;
import dev.thestack.services.contract.MetricDefinition;
import dev.thestack.services.constructs.MediaService;
import dev.thestack.services.constructs.RouterService;
import dev.thestack.services.constructs.TodoService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Synthesizes the repository's organization once and checks every account's stack. */
class OrganizationAppTest {
    static final Path ROOT = Path.of(System.getProperty("thestack.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path out;
    static StackConfig config;
    static OrganizationApp app;
    static Map<String, JsonNode> templates;

    @BeforeAll
    static void synthesizeOnce() {
        SynthesizedOrganization organization = SynthesizedOrganization.get();
        out = organization.out;
        config = organization.config;
        app = organization.app;
        templates = organization.templates;
    }

    private static Template template(String account) {
        return Template.fromJSON(JSON.convertValue(templates.get(account), Map.class));
    }

    private static Template template(AccountRole role) {
        return template(config.accountWithRole(role).name());
    }

    @Test
    void everyAccountHasOneStackDeployedToItsOwnAccountAndRegion() {
        assertThat(app.stacksByAccount().keySet())
                .containsExactlyElementsOf(config.accounts().stream().map(Account::name).toList());
        for (Account account : config.accounts()) {
            Stack stack = app.stacksByAccount().get(account.name());
            assertThat(stack.getAccount()).as(account.name()).isEqualTo(account.id());
            assertThat(stack.getRegion()).as(account.name()).isEqualTo(account.region());
            assertThat(stack.getTerminationProtection()).isTrue();
        }
    }

    @Test
    void theManagementStackCreatesEveryOuUnderItsParentAndEveryMemberAccountInItsOu() {
        Template management = template(AccountRole.MANAGEMENT);
        management.resourceCountIs("AWS::Organizations::OrganizationalUnit", config.organizationalUnits().size());
        management.resourceCountIs("AWS::Organizations::Account", config.accounts().size() - 1);
        management.hasResourceProperties("AWS::Organizations::OrganizationalUnit",
                Map.of("Name", "Security", "ParentId", config.organization().rootId()));
        management.hasResourceProperties("AWS::Organizations::OrganizationalUnit", Map.of("Name", "Prod",
                "ParentId", Map.of("Fn::GetAtt", List.of(logicalId(AccountRole.MANAGEMENT,
                        "AWS::Organizations::OrganizationalUnit", "Workloads"), "Id"))));
        Account globex = config.account("prod-globex");
        management.hasResourceProperties("AWS::Organizations::Account", Map.of(
                "AccountName", globex.name(), "Email", globex.email(),
                "ParentIds", List.of(Map.of("Fn::GetAtt", List.of(logicalId(AccountRole.MANAGEMENT,
                        "AWS::Organizations::OrganizationalUnit", "Prod"), "Id")))));
        assertThat(templates.get(config.accountWithRole(AccountRole.MANAGEMENT).name()).toString())
                .as("the management account is never created as a resource")
                .doesNotContain(config.accountWithRole(AccountRole.MANAGEMENT).email());
    }

    @Test
    void everyOuWithPoliciesGetsItsServiceControlPoliciesAttached() {
        Template management = template(AccountRole.MANAGEMENT);
        long ousWithPolicies = config.organizationalUnits().stream().filter(ou -> !ou.policies().isEmpty()).count();
        assertThat(resourcesOfType(templates.get(config.accountWithRole(AccountRole.MANAGEMENT).name()),
                "AWS::Organizations::Policy")).hasSizeGreaterThanOrEqualTo((int) ousWithPolicies);
        management.hasResourceProperties("AWS::Organizations::Policy", Map.of(
                "Type", "SERVICE_CONTROL_POLICY",
                "TargetIds", List.of(Map.of("Fn::GetAtt", List.of(logicalId(AccountRole.MANAGEMENT,
                        "AWS::Organizations::OrganizationalUnit", "Workloads"), "Id"))),
                "Content", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "DenyUngovernedRegions",
                        "Condition", Match.objectLike(Map.of("StringNotEquals",
                                Map.of("aws:RequestedRegion", config.organization().governedRegions()))))))))));
    }

    @Test
    void theLogsAccountKeepsAnEncryptedVersionedLockedTlsOnlyArchiveWithAccessLogs() {
        Template logs = template(AccountRole.LOGS);
        logs.resourceCountIs("AWS::S3::Bucket", 2);
        logs.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        logs.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "ObjectLockEnabled", true,
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Match.objectLike(Map.of(
                        "ServerSideEncryptionByDefault", Match.objectLike(Map.of("SSEAlgorithm", "aws:kms")))))),
                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "archive/")),
                "LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of("Transitions", List.of(
                        Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", 30),
                        Map.of("StorageClass", "GLACIER", "TransitionInDays", 90)))))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true)));
        logs.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        assertThat(templates.get(config.accountWithRole(AccountRole.LOGS).name()).toString())
                .as("nothing in the archive is deleted with the stack").doesNotContain("\"DeletionPolicy\":\"Delete\"");
    }

    /** Computed here from the model, independently of the constructs: what a workload account must name. */
    private static String logDestinationArn() {
        Account logs = config.accountWithRole(AccountRole.LOGS);
        return "arn:aws:logs:" + logs.region() + ":" + logs.id() + ":destination:"
                + config.organization().name() + "-log-delivery";
    }

    @Test
    void theLogsAccountOffersALogDestinationOnlyTheOrganizationMaySubscribeTo() throws Exception {
        JsonNode logs = templates.get(config.accountWithRole(AccountRole.LOGS).name());
        List<JsonNode> destinations = resourcesOfType(logs, "AWS::Logs::Destination");
        assertThat(destinations).hasSize(1);
        JsonNode destination = destinations.get(0).path("Properties");
        assertThat(logDestinationArn()).endsWith(":destination:" + destination.path("DestinationName").asText());
        assertThat(destination.path("TargetArn").path("Fn::GetAtt").get(0).asText())
                .isEqualTo(logicalIdOfType(logs, "AWS::KinesisFirehose::DeliveryStream"));
        JsonNode statements = JSON.readTree(destination.path("DestinationPolicy").asText()).path("Statement");
        assertThat(statements).hasSize(1);
        JsonNode statement = statements.get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Action").asText()).isEqualTo("logs:PutSubscriptionFilter");
        assertThat(statement.path("Resource").asText()).isEqualTo(logDestinationArn());
        assertThat(statement.path("Condition")).as("any principal, provided it belongs to the organization")
                .isEqualTo(JSON.valueToTree(Map.of("StringEquals",
                        Map.of("aws:PrincipalOrgID", config.organization().id()))));
    }

    @Test
    void theLogDeliveryStreamWritesEncryptedIntoTheArchiveWithLeastPrivilege() {
        JsonNode logs = templates.get(config.accountWithRole(AccountRole.LOGS).name());
        String bucket = logicalIdOf(logs, "AWS::S3::Bucket", r -> r.path("Properties").path("ObjectLockEnabled").asBoolean());
        String key = logicalIdOfType(logs, "AWS::KMS::Key");
        String stream = logicalIdOfType(logs, "AWS::KinesisFirehose::DeliveryStream");
        Map<String, Object> keyArn = Map.of("Fn::GetAtt", List.of(key, "Arn"));
        template(AccountRole.LOGS).hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of(
                "DeliveryStreamEncryptionConfigurationInput", Map.of("KeyType", "CUSTOMER_MANAGED_CMK", "KeyARN", keyArn),
                "ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                        "BucketARN", Map.of("Fn::GetAtt", List.of(bucket, "Arn")),
                        "EncryptionConfiguration", Map.of("KMSEncryptionConfig", Map.of("AWSKMSKeyARN", keyArn)),
                        "Prefix", Match.stringLikeRegexp("^cloudwatch-logs/delivered/.*"),
                        "ErrorOutputPrefix", Match.stringLikeRegexp("^cloudwatch-logs/failed/.*"),
                        "CloudWatchLoggingOptions", Match.objectLike(Map.of("Enabled", true,
                                "LogGroupName", Map.of("Ref", logicalIdOfType(logs, "AWS::Logs::LogGroup"))))))));

        Map<String, List<String>> actionsByPrincipal = new HashMap<>();
        for (JsonNode role : resourcesOfType(logs, "AWS::IAM::Role")) {
            String principal = role.path("Properties").path("AssumeRolePolicyDocument").path("Statement").get(0)
                    .path("Principal").path("Service").asText();
            for (JsonNode policy : role.path("Properties").path("Policies")) {
                for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                    List<String> actions = new ArrayList<>();
                    (statement.path("Action").isArray() ? statement.path("Action") : JSON.createArrayNode()
                            .add(statement.path("Action"))).forEach(a -> actions.add(a.asText()));
                    assertThat(actions).as("no wildcard action").allSatisfy(a -> assertThat(a).doesNotContain("*"));
                    String resource = statement.path("Resource").toString();
                    if (actions.contains("s3:PutObject")) {
                        assertThat(resource).contains(bucket).endsWith("\"/cloudwatch-logs/*\"]]}");
                    }
                    if (actions.contains("kms:GenerateDataKey")) {
                        assertThat(statement.path("Resource")).isEqualTo(JSON.valueToTree(keyArn));
                    }
                    if (principal.equals("logs.amazonaws.com")) {
                        assertThat(statement.path("Resource")).isEqualTo(JSON.valueToTree(
                                Map.of("Fn::GetAtt", List.of(stream, "Arn"))));
                    }
                    actionsByPrincipal.computeIfAbsent(principal, p -> new ArrayList<>()).addAll(actions);
                }
            }
        }
        assertThat(actionsByPrincipal.get("logs.amazonaws.com"))
                .containsExactlyInAnyOrder("firehose:PutRecord", "firehose:PutRecordBatch");
        assertThat(actionsByPrincipal.get("firehose.amazonaws.com")).containsExactlyInAnyOrder(
                "s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads",
                "s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject",
                "kms:Decrypt", "kms:GenerateDataKey", "logs:PutLogEvents");
    }

    @Test
    void everyWorkloadLogGroupIsSubscribedToTheLogsAccountsDestination() {
        for (Account account : config.workloadAccounts()) {
            JsonNode template = templates.get(account.name());
            List<String> logGroups = logicalIdsOfType(template, "AWS::Logs::LogGroup");
            assertThat(logGroups).as(account.name()).isNotEmpty();
            List<JsonNode> filters = resourcesOfType(template, "AWS::Logs::SubscriptionFilter");
            assertThat(filters.stream().map(f -> f.path("Properties").path("LogGroupName").path("Ref").asText()))
                    .as(account.name()).containsExactlyInAnyOrderElementsOf(logGroups);
            for (JsonNode filter : filters) {
                JsonNode properties = filter.path("Properties");
                assertThat(properties.path("DestinationArn").asText()).isEqualTo(logDestinationArn());
                assertThat(properties.path("FilterPattern").asText()).as("every event").isEmpty();
                JsonNode role = template.path("Resources").path(properties.path("RoleArn").path("Fn::GetAtt").get(0).asText());
                assertThat(role.path("Properties").path("AssumeRolePolicyDocument").toString()).contains("logs.amazonaws.com");
                JsonNode statement = role.path("Properties").path("Policies").get(0).path("PolicyDocument").path("Statement").get(0);
                assertThat(statement.path("Action").asText()).isEqualTo("logs:PutLogEvents");
                JsonNode resources = statement.path("Resource").isArray() ? statement.path("Resource")
                        : JSON.createArrayNode().add(statement.path("Resource"));
                assertThat(resources).as("the role writes to the subscribed log groups only")
                        .contains(JSON.valueToTree(Map.of("Fn::GetAtt", List.of(properties.path("LogGroupName").path("Ref").asText(), "Arn"))))
                        .allSatisfy(r -> assertThat(logGroups).contains(r.path("Fn::GetAtt").get(0).asText()));
            }
        }
    }

    @Test
    void noLogGroupOrFunctionAnywhereKeepsLogsForever() {
        assertThat(app.logsWithoutRetention()).isEmpty();
        for (JsonNode template : templates.values()) {
            assertThat(resourcesOfType(template, "AWS::Logs::LogGroup"))
                    .allSatisfy(g -> assertThat(g.path("Properties").path("RetentionInDays").asInt()).isPositive());
        }
    }

    @Test
    void theAuditAccountHasAnEncryptedTlsOnlyFindingsTopic() {
        Template audit = template(AccountRole.AUDIT);
        audit.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
        audit.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        audit.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void theMonitoringAccountHasASinkOnlyTheOrganizationCanLinkTo() {
        Template monitoring = template(AccountRole.MONITORING);
        monitoring.hasResourceProperties("AWS::Oam::Sink", Map.of("Policy", Map.of("Statement", List.of(Match.objectLike(Map.of(
                "Effect", "Allow",
                "Action", List.of("oam:CreateLink", "oam:UpdateLink"),
                "Condition", Map.of(
                        "StringEquals", Map.of("aws:PrincipalOrgID", config.organization().id()),
                        "ForAllValues:StringEquals", Map.of("oam:ResourceTypes", Match.arrayWith(List.of(
                                "AWS::CloudWatch::Metric", "AWS::Logs::LogGroup", "AWS::XRay::Trace"))))))))));
        monitoring.hasOutput("SinkArn", Map.of("Value", Map.of("Fn::GetAtt", Match.arrayWith(List.of("Arn")))));
    }

    @Test
    void everyWorkloadAccountLinksMetricsLogsAndTracesToTheMonitoringSink() {
        Account monitoringAccount = config.accountWithRole(AccountRole.MONITORING);
        for (Account account : config.workloadAccounts()) {
            Template workload = template(account.name());
            workload.hasResourceProperties("AWS::Oam::Link", Map.of(
                    "ResourceTypes", List.of("AWS::CloudWatch::Metric", "AWS::Logs::LogGroup", "AWS::XRay::Trace"),
                    "SinkIdentifier", Map.of("Ref", "MonitoringSinkArn")));
            workload.hasParameter("MonitoringSinkArn", Map.of("AllowedPattern",
                    "arn:aws:oam:" + monitoringAccount.region() + ":" + monitoringAccount.id() + ":sink/[0-9a-f-]{36}"));
        }
    }

    @Test
    void everyWorkloadAccountHasTheModelsSamplingRulesAndGroupsWithInsights() {
        assertThat(config.tracing().samplingRules()).as("the repository's stack.yaml declares rules").isNotEmpty();
        for (Account account : config.workloadAccounts()) {
            Template workload = template(account.name());
            workload.resourceCountIs("AWS::XRay::SamplingRule", config.tracing().samplingRules().size());
            for (SamplingRule rule : config.tracing().samplingRules()) {
                workload.hasResourceProperties("AWS::XRay::SamplingRule", Map.of("SamplingRule", Match.objectEquals(
                        samplingRule(rule))));
            }
            workload.resourceCountIs("AWS::XRay::Group", config.tracing().groups().size());
            for (TraceGroup group : config.tracing().groups()) {
                workload.hasResourceProperties("AWS::XRay::Group", Map.of(
                        "GroupName", group.name(),
                        "FilterExpression", group.filter(),
                        "InsightsConfiguration", Map.of("InsightsEnabled", group.insights(),
                                "NotificationsEnabled", group.notifications())));
            }
        }
        Template integration = template("integration");
        integration.hasResourceProperties("AWS::XRay::SamplingRule", Map.of("SamplingRule", Match.objectLike(Map.of(
                "RuleName", "graphql-mutations", "FixedRate", 1, "Priority", 10,
                "Attributes", Map.of("graphql.operation.type", "mutation")))));
        integration.hasResourceProperties("AWS::XRay::SamplingRule", Map.of("SamplingRule", Match.objectLike(Map.of(
                "RuleName", "default-rest", "FixedRate", 0.05, "Priority", 9000,
                "SamplingRateBoost", Map.of("MaxRate", 1, "CooldownWindowMinutes", 10)))));
        integration.hasResourceProperties("AWS::XRay::Group", Map.of("GroupName", "faults",
                "FilterExpression", "fault = true", "InsightsConfiguration", Map.of("InsightsEnabled", true,
                        "NotificationsEnabled", false)));
    }

    /** What the rule's template properties must be, exactly: every matcher explicit, format version 1. */
    private static Map<String, Object> samplingRule(SamplingRule rule) {
        Map<String, Object> expected = new java.util.LinkedHashMap<>(Map.of(
                "RuleName", rule.name(), "Priority", rule.priority(), "FixedRate", rule.fixedRate(),
                "ReservoirSize", rule.reservoirSize(), "ServiceName", rule.serviceName(),
                "ServiceType", rule.serviceType(), "Host", rule.host(), "HTTPMethod", rule.httpMethod(),
                "URLPath", rule.urlPath(), "ResourceARN", rule.resourceArn()));
        expected.put("Version", 1);
        if (!rule.attributes().isEmpty()) {
            expected.put("Attributes", rule.attributes());
        }
        rule.boostOnErrors().ifPresent(boost -> expected.put("SamplingRateBoost", Map.of(
                "MaxRate", boost.maxRate(), "CooldownWindowMinutes", boost.cooldownWindowMinutes())));
        return expected;
    }

    @Test
    void xrayEncryptsTracesWithTheAccountsRotatingKeyThroughALeastPrivilegeCustomResource() {
        assertThat(config.tracing().kmsEncryption()).isTrue();
        for (Account account : config.workloadAccounts()) {
            JsonNode template = templates.get(account.name());
            String key = logicalIdWhere(template, "AWS::KMS::Key", "Description", "Encrypts this account's X-Ray trace data");
            JsonNode keyProperties = template.path("Resources").path(key).path("Properties");
            assertThat(keyProperties.path("EnableKeyRotation").asBoolean()).as(account.name()).isTrue();
            assertThat(template.path("Resources").path(key).path("DeletionPolicy").asText()).isEqualTo("Retain");

            List<JsonNode> settings = resourcesOfType(template, "Custom::XRayEncryptionConfig");
            assertThat(settings).hasSize(1);
            JsonNode setting = settings.get(0).path("Properties");
            for (String call : List.of("Create", "Update")) {
                String json = setting.path(call).toString();
                assertThat(json).as(call).contains("PutEncryptionConfig", "\\\"Type\\\":\\\"KMS\\\"",
                        "{\"Fn::GetAtt\":[\"" + key + "\",\"Arn\"]}");
            }
            assertThat(setting.path("Delete").asText()).contains("PutEncryptionConfig", "\"Type\":\"NONE\"")
                    .doesNotContain("KeyId");

            // the function behind it: its own role, whose only '*' is the action without resource-level permissions
            String role = roleOf(template, setting.path("ServiceToken").path("Fn::GetAtt").get(0).asText());
            List<String> actions = new ArrayList<>();
            for (JsonNode statement : policyStatements(template, role)) {
                List<String> statementActions = new ArrayList<>();
                if (statement.path("Action").isArray()) {
                    statement.path("Action").forEach(a -> statementActions.add(a.asText()));
                } else {
                    statementActions.add(statement.path("Action").asText());
                }
                if (statement.path("Resource").asText().equals("*")) {
                    assertThat(statementActions).containsExactly("xray:PutEncryptionConfig");
                }
                actions.addAll(statementActions);
            }
            assertThat(actions).containsExactlyInAnyOrder("xray:PutEncryptionConfig", "logs:CreateLogStream", "logs:PutLogEvents");

            // the key policy lets that role (and no one new) hand the key to X-Ray
            Template.fromJSON(JSON.convertValue(template, Map.class)).hasResourceProperties("AWS::KMS::Key", Map.of(
                    "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Action", List.of("kms:CreateGrant", "kms:DescribeKey"),
                            "Principal", Map.of("AWS", Map.of("Fn::GetAtt", List.of(role, "Arn"))))))))));

            // every log group keeps the environment's retention, and every function logs into one of them
            int days = config.environmentOf(account).logRetentionDays();
            assertThat(resourcesOfType(template, "AWS::Logs::LogGroup")).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(g -> assertThat(g.path("Properties").path("RetentionInDays").asInt()).isEqualTo(days));
            assertThat(resourcesOfType(template, "AWS::Lambda::Function")).allSatisfy(f -> assertThat(
                    f.path("Properties").path("LoggingConfig").path("LogGroup").path("Ref").asText()).isNotEmpty());
        }
    }

    private static String roleOf(JsonNode template, String function) {
        return template.path("Resources").path(function).path("Properties").path("Role").path("Fn::GetAtt").get(0).asText();
    }

    /** Every statement of every AWS::IAM::Policy attached to the role. */
    private static List<JsonNode> policyStatements(JsonNode template, String role) {
        List<JsonNode> statements = new ArrayList<>();
        for (JsonNode policy : resourcesOfType(template, "AWS::IAM::Policy")) {
            policy.path("Properties").path("Roles").forEach(r -> {
                if (r.path("Ref").asText().equals(role)) {
                    policy.path("Properties").path("PolicyDocument").path("Statement").forEach(statements::add);
                }
            });
        }
        return statements;
    }

    private static String logicalIdWhere(JsonNode template, String type, String property, String value) {
        var fields = template.path("Resources").fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (type.equals(entry.getValue().path("Type").asText())
                    && value.equals(entry.getValue().path("Properties").path(property).asText())) {
                return entry.getKey();
            }
        }
        throw new AssertionError("no " + type + " with " + property + " " + value);
    }

    @Test
    void theTodoSubgraphRunsInstrumentedWithItsEnvironmentsLogRetentionAndLeastPrivilege() {
        for (Account account : config.workloadAccounts()) {
            var environment = config.environmentOf(account);
            Template workload = template(account.name());
            workload.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Runtime", "java25",
                    "Handler", "dev.thestack.services.todo.TodoHandler::handleRequest",
                    "TracingConfig", Map.of("Mode", "Active"),
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            MetricContract.ENV_NAMESPACE, MetricContract.NAMESPACE,
                            MetricContract.ENV_SERVICE_NAME, "todo",
                            MetricContract.ENV_ENVIRONMENT, environment.name())))));
            workload.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", environment.logRetentionDays()));
            workload.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                    "KeySchema", List.of(Map.of("AttributeName", "tenantId", "KeyType", "HASH"),
                            Map.of("AttributeName", "todoId", "KeyType", "RANGE")),
                    "BillingMode", "PAY_PER_REQUEST",
                    "GlobalSecondaryIndexes", List.of(Map.of(
                            "IndexName", TodoService.OWNER_INDEX,
                            "KeySchema", List.of(Map.of("AttributeName", "ownerKey", "KeyType", "HASH"),
                                    Map.of("AttributeName", "todoId", "KeyType", "RANGE")),
                            "Projection", Map.of("ProjectionType", "ALL"))),
                    "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                    "SSESpecification", Map.of("SSEEnabled", true)));
        }
        JsonNode integration = templates.get("integration");
        String function = logicalIdWhere(integration, "AWS::Lambda::Function", "Handler", TodoService.HANDLER);
        List<JsonNode> statements = policyStatements(integration, roleOf(integration, function));
        assertThat(statements).isNotEmpty();
        List<String> wildcardActions = new ArrayList<>();
        statements.forEach(s -> {
            if (s.path("Resource").asText().equals("*")) {
                s.path("Action").forEach(a -> wildcardActions.add(a.asText()));
            }
            assertThat(s.path("Action").toString()).doesNotContain("*");
        });
        assertThat(wildcardActions).as("only X-Ray, which has no resource-level permissions, gets Resource *")
                .containsExactlyInAnyOrder("xray:PutTraceSegments", "xray:PutTelemetryRecords");
        List<String> dynamoActions = new ArrayList<>();
        // a statement of one action has it as a string, not a list
        statements.forEach(s -> (s.path("Action").isArray() ? s.path("Action") : List.of(s.path("Action"))).forEach(a -> {
            if (a.asText().startsWith("dynamodb:")) {
                dynamoActions.add(a.asText());
            }
        }));
        assertThat(dynamoActions).as("the calls TodoRepository makes, and no Scan or delete")
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                        "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:Query");
        assertThat(resourcesOfType(integration, "AWS::DynamoDB::Table")).as("Todo's and Media's").hasSize(2);
        String table = logicalIdOf(integration, "AWS::DynamoDB::Table",
                t -> t.path("Properties").path("KeySchema").toString().contains("\"todoId\""));
        assertThat(statements).filteredOn(s -> s.path("Action").toString().contains("dynamodb:"))
                .extracting(s -> s.path("Resource").toString())
                .as("the table, and the owner index for Query only")
                .anySatisfy(resource -> assertThat(resource).contains("/index/" + TodoService.OWNER_INDEX))
                .allSatisfy(resource -> assertThat(resource).contains("\"" + table + "\""));
    }

    @Test
    void theRouterInvokesExactlyTheLiveAliasesOfTheTodoAndMediaFunctionsOfItsOwnAccount() {
        for (Account account : config.workloadAccounts()) {
            JsonNode template = templates.get(account.name());
            String router = logicalIdWhere(template, "AWS::Lambda::Function", "Handler", RouterService.HANDLER);
            String todo = logicalIdWhere(template, "AWS::Lambda::Function", "Handler", TodoService.HANDLER);
            String media = logicalIdWhere(template, "AWS::Lambda::Function", "Handler", MediaService.HANDLER);
            JsonNode properties = template.path("Resources").path(router).path("Properties");
            JsonNode variables = properties.path("Environment").path("Variables");

            // the aliases: their published versions start from SnapStart snapshots, $LATEST would not
            String todoAlias = liveAliasOf(template, todo);
            String mediaAlias = liveAliasOf(template, media);
            assertThat(variables.path("SUBGRAPH_URL_TODO")).isEqualTo(lambdaUrl(todoAlias));
            assertThat(variables.path("SUBGRAPH_URL_MEDIA")).isEqualTo(lambdaUrl(mediaAlias));
            assertThat(variables.path(MetricContract.ENV_ENVIRONMENT).asText()).isEqualTo(account.environment().orElseThrow());
            assertThat(properties.path("TracingConfig").path("Mode").asText()).isEqualTo("Active");
            List<JsonNode> invokes = policyStatements(template, roleOf(template, router)).stream()
                    .filter(statement -> statement.path("Action").toString().contains("lambda:")).toList();
            assertThat(invokes).hasSize(1);
            assertThat(invokes.get(0).path("Action").asText()).isEqualTo("lambda:InvokeFunction");
            assertThat(invokes.get(0).path("Resource")).containsExactly(ref(todoAlias), ref(mediaAlias));
        }
    }

    @Test
    void eachServicesResourcesCarryItsOwningTeamsCostTags() {
        for (String service : StackConfig.KNOWN_SERVICES) {
            var owner = config.ownerOf(service);
            String handler = Map.of("todo", TodoService.HANDLER, "media", MediaService.HANDLER,
                    "router", RouterService.HANDLER).get(service);
            template("integration").hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", handler,
                    "Tags", Match.arrayWith(List.of(
                            Map.of("Key", "CostCenter", "Value", owner.costCenter()),
                            Map.of("Key", "Environment", "Value", "integration"),
                            Map.of("Key", "Service", "Value", service),
                            Map.of("Key", "Team", "Value", owner.name())))));
        }
        template("integration").hasResourceProperties("AWS::S3::Bucket", Map.of("Tags", Match.arrayWith(List.of(
                Map.of("Key", "Service", "Value", "media"),
                Map.of("Key", "Team", "Value", config.ownerOf("media").name())))));
    }

    @Test
    void everyServicesAlarmsAreNamedForItsOwningTeamAndTheRouterWatchesEachSubgraph() {
        for (Account account : config.workloadAccounts()) {
            List<String> names = resourcesOfType(templates.get(account.name()), "AWS::CloudWatch::Alarm").stream()
                    .map(alarm -> alarm.path("Properties").path("AlarmName").asText()).toList();
            for (String service : StackConfig.KNOWN_SERVICES) {
                String prefix = AlarmNames.prefix(config.ownerOf(service).name(), service, account.name()) + "-";
                assertThat(names).filteredOn(name -> name.startsWith(prefix)).as(prefix)
                        .anyMatch(name -> name.contains(service + "-lambda"))
                        .anyMatch(name -> name.contains("graphql-errors") && name.endsWith("-Critical"));
            }
            String router = AlarmNames.prefix(config.ownerOf("router").name(), "router", account.name()) + "-";
            for (String subgraph : List.of("todo", "media")) {
                assertThat(names).filteredOn(name -> name.startsWith(router))
                        .anyMatch(name -> name.contains(subgraph + "-subgraph-errors") && name.endsWith("-Critical"))
                        .anyMatch(name -> name.contains(subgraph + "-subgraph-latency") && name.endsWith("-Warning"));
            }
        }
        JsonNode integration = templates.get("integration");
        JsonNode errors = alarmNamed(integration, "platform.router.integration-router-service-media-subgraph-errors-Critical");
        assertThat(errors.path("Threshold").asInt()).isEqualTo(AlarmThresholds.defaults().subgraphErrors());
        assertThat(errors.path("Metrics").get(0).path("MetricStat")).isEqualTo(JSON.valueToTree(Map.of(
                "Metric", Map.of("Namespace", MetricContract.NAMESPACE, "MetricName", MetricContract.SUBGRAPH_ERRORS.name(),
                        "Dimensions", List.of(Map.of("Name", "Environment", "Value", "integration"),
                                Map.of("Name", "Service", "Value", "router"), Map.of("Name", "Subgraph", "Value", "media"))),
                "Period", 300, "Stat", "Sum")));
        JsonNode latency = alarmNamed(integration, "platform.router.integration-router-service-todo-subgraph-latency-Warning");
        assertThat(latency.path("Threshold").asLong()).isEqualTo(AlarmThresholds.defaults().subgraphP99Latency().toMillis());
        assertThat(latency.path("Metrics").get(0).path("MetricStat").path("Stat").asText()).isEqualTo("p99");
        assertThat(latency.path("Metrics").get(0).path("MetricStat").path("Metric").path("MetricName").asText())
                .isEqualTo(MetricContract.SUBGRAPH_LATENCY.name());
    }

    private static JsonNode alarmNamed(JsonNode template, String name) {
        return resourcesOfType(template, "AWS::CloudWatch::Alarm").stream()
                .map(alarm -> alarm.path("Properties"))
                .filter(properties -> properties.path("AlarmName").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no alarm " + name));
    }

    private static JsonNode lambdaUrl(String alias) {
        return JSON.valueToTree(Map.of("Fn::Join", List.of("", List.of("lambda:", Map.of("Ref", alias)))));
    }

    private static JsonNode ref(String logicalId) {
        return JSON.valueToTree(Map.of("Ref", logicalId));
    }

    /** The function's "live" alias, whose Ref is its ARN. */
    private static String liveAliasOf(JsonNode template, String function) {
        return logicalIdOf(template, "AWS::Lambda::Alias", alias -> alias.path("Properties").path("Name").asText()
                .equals("live") && alias.path("Properties").path("FunctionName").path("Ref").asText().equals(function));
    }

    @Test
    void eachWorkloadHasADashboardAndAlarmsThatEachLinkToAnExistingRunbook() {
        RunbookIndex index = new RunbookIndex(config.runbooks());
        Set<AlarmKind> kindsUsed = new HashSet<>();
        for (Account account : config.workloadAccounts()) {
            JsonNode template = templates.get(account.name());
            assertThat(resourcesOfType(template, "AWS::CloudWatch::Dashboard")).hasSize(1);
            List<JsonNode> alarms = resourcesOfType(template, "AWS::CloudWatch::Alarm");
            assertThat(alarms).as("8 on Todo, 8 on Media, 9 on the router (5 and 2 per subgraph), 2 on alarm delivery"
                    + " (forwarder and failure-email DLQs)").hasSize(27);
            for (JsonNode alarm : alarms) {
                String description = alarm.path("Properties").path("AlarmDescription").asText();
                String link = runbookLink(description);
                AlarmKind kind = index.kindOf(link).orElseThrow(() -> new AssertionError(
                        "alarm " + alarm.path("Properties").path("AlarmName") + " links to " + link + ", no runbook of ours"));
                assertThat(ROOT.resolve("runbooks/alarms").resolve(kind.fileName())).isRegularFile();
                kindsUsed.add(kind);
            }
        }
        assertThat(kindsUsed).containsExactlyInAnyOrder(AlarmKind.values());
    }

    @Test
    void everyAlarmAndDashboardMetricIsAwsVendedOrEmittedByAService() {
        Set<String> emitted = new HashSet<>();
        for (MetricDefinition metric : MetricContract.ALL) {
            emitted.add(MetricContract.NAMESPACE + "/" + metric.name());
        }
        for (Account account : config.workloadAccounts()) {
            JsonNode template = templates.get(account.name());
            List<String> metrics = new ArrayList<>();
            for (JsonNode alarm : resourcesOfType(template, "AWS::CloudWatch::Alarm")) {
                collectAlarmMetrics(alarm.path("Properties"), metrics);
            }
            for (JsonNode dashboard : resourcesOfType(template, "AWS::CloudWatch::Dashboard")) {
                collectDashboardMetrics(dashboardBody(dashboard.path("Properties").path("DashboardBody")), metrics);
            }
            assertThat(metrics).isNotEmpty();
            assertThat(metrics).as(account.name()).allSatisfy(m -> assertThat(m.startsWith("AWS/") || emitted.contains(m))
                    .as("%s is neither AWS-vended nor in the metric contract", m).isTrue());
            assertThat(metrics).contains(MetricContract.NAMESPACE + "/" + MetricContract.GRAPHQL_ERRORS.name(),
                    MetricContract.NAMESPACE + "/" + MetricContract.GRAPHQL_CLIENT_ERRORS.name());
            assertThat(metrics).as("the router's rows, its per-operation searches included").contains(
                    MetricContract.NAMESPACE + "/" + MetricContract.OPERATION_ERRORS.name(),
                    MetricContract.NAMESPACE + "/" + MetricContract.OPERATION_LATENCY.name(),
                    MetricContract.NAMESPACE + "/" + MetricContract.SUBGRAPH_ERRORS.name(),
                    MetricContract.NAMESPACE + "/" + MetricContract.QUERY_PLAN_CACHE_MISSES.name(),
                    MetricContract.NAMESPACE + "/" + MetricContract.TRANSCODE_JOBS_STARTED.name());
        }
    }

    @Test
    void clientErrorsAreShownButNeverPageAnyone() {
        List<String> alarmed = new ArrayList<>();
        for (JsonNode alarm : resourcesOfType(templates.get("prod-multi-tenant"), "AWS::CloudWatch::Alarm")) {
            collectAlarmMetrics(alarm.path("Properties"), alarmed);
        }
        assertThat(alarmed).contains(MetricContract.NAMESPACE + "/" + MetricContract.GRAPHQL_ERRORS.name())
                .doesNotContain(MetricContract.NAMESPACE + "/" + MetricContract.GRAPHQL_CLIENT_ERRORS.name());
    }

    @Test
    void cdkNagFindsNoUnsuppressedErrorAndEverySuppressionHasAReason() {
        for (AccountSummary summary : AssemblyReader.summarize(out, config)) {
            assertThat(summary.nag().unsuppressedErrors()).as(summary.account()).isEmpty();
            assertThat(summary.nag().suppressed()).allSatisfy(f -> assertThat(f.reason()).hasSizeGreaterThan(30));
        }
    }

    @Test
    void everyTaggableResourceOfEveryStackCarriesTheRequiredCostTags() {
        assertThat(app.untaggedResources()).isEmpty();
        for (JsonNode template : templates.values()) {
            template.path("Resources").forEach(resource -> {
                if (resource.path("Properties").has("Tags") && resource.path("Properties").path("Tags").isArray()) {
                    List<String> keys = new ArrayList<>();
                    resource.path("Properties").path("Tags").forEach(t -> keys.add(t.path("Key").asText()));
                    assertThat(keys).as(resource.path("Type").asText()).containsAll(config.tags().required());
                }
            });
        }
    }

    @Test
    void stacksCarryTheCostAllocationTagsFromTheModel() {
        Account globex = config.account("prod-globex");
        var team = config.team(globex.team());
        template("prod-globex").hasResourceProperties("AWS::DynamoDB::Table", Map.of("Tags", Match.arrayWith(List.of(
                Map.of("Key", "CostCenter", "Value", team.costCenter()),
                Map.of("Key", "Environment", "Value", "prod"),
                Map.of("Key", "Service", "Value", "todo"),
                Map.of("Key", "Tenant", "Value", "globex")))));
    }

    @Test
    void theRealCdkCliReadsTheAssembly() throws Exception {
        Path cdk = ROOT.resolve("node-tools/node_modules/.bin/cdk");
        Process process = new ProcessBuilder(cdk.toString(), "ls", "--app", out.toString(), "--no-notices")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output.lines().filter(l -> l.startsWith(config.organization().name() + "-")))
                .containsExactlyInAnyOrderElementsOf(app.stackNames());
    }

    static List<JsonNode> resourcesOfType(JsonNode template, String type) {
        List<JsonNode> found = new ArrayList<>();
        template.path("Resources").forEach(r -> {
            if (type.equals(r.path("Type").asText())) {
                found.add(r);
            }
        });
        return found;
    }

    private static List<String> logicalIdsOfType(JsonNode template, String type) {
        List<String> ids = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                ids.add(e.getKey());
            }
        });
        return ids;
    }

    private static String logicalIdOfType(JsonNode template, String type) {
        return logicalIdOf(template, type, r -> true);
    }

    /** The one resource of {@code type} that matches. */
    private static String logicalIdOf(JsonNode template, String type, Predicate<JsonNode> matching) {
        List<String> ids = logicalIdsOfType(template, type).stream()
                .filter(id -> matching.test(template.path("Resources").path(id))).toList();
        assertThat(ids).as(type).hasSize(1);
        return ids.get(0);
    }

    private static String logicalId(AccountRole role, String type, String name) {
        return logicalIdWhere(templates.get(config.accountWithRole(role).name()), type, "Name", name);
    }

    private static String runbookLink(String description) {
        return description.lines().map(String::trim).filter(l -> l.contains("https://"))
                .map(l -> l.substring(l.indexOf("https://")).split("\\s")[0])
                .findFirst().orElseThrow(() -> new AssertionError("no runbook link in: " + description));
    }

    private static void collectAlarmMetrics(JsonNode properties, List<String> metrics) {
        if (properties.has("MetricName")) {
            metrics.add(properties.path("Namespace").asText() + "/" + properties.path("MetricName").asText());
        }
        properties.path("Metrics").forEach(m -> {
            JsonNode metric = m.path("MetricStat").path("Metric");
            if (!metric.isMissingNode()) {
                metrics.add(metric.path("Namespace").asText() + "/" + metric.path("MetricName").asText());
            }
        });
    }

    /** A dashboard body is a Fn::Join of strings and tokens; tokens stand in as strings so the JSON parses. */
    private static JsonNode dashboardBody(JsonNode body) {
        StringBuilder text = new StringBuilder();
        if (body.isTextual()) {
            text.append(body.asText());
        } else {
            body.path("Fn::Join").get(1).forEach(part -> text.append(part.isTextual() ? part.asText() : "TOKEN"));
        }
        try {
            return JSON.readTree(text.toString());
        } catch (Exception e) {
            throw new AssertionError("dashboard body is not JSON: " + text, e);
        }
    }

    /** A CloudWatch search of a dashboard: SEARCH('{Namespace,Dim,...} MetricName="Name" ...', 'Stat', period). */
    private static final java.util.regex.Pattern SEARCH = java.util.regex.Pattern.compile(
            "SEARCH\\('\\{\"?([^,\"}]+)\"?,[^}]*}[^']*MetricName=\"([^\"]+)\"");

    private static void collectDashboardMetrics(JsonNode body, List<String> metrics) {
        body.path("widgets").forEach(widget -> widget.path("properties").path("metrics").forEach(line -> {
            line.forEach(part -> {
                var search = SEARCH.matcher(part.path("expression").asText());
                if (search.find()) {
                    metrics.add(search.group(1) + "/" + search.group(2));
                }
            });
            // a metric line is [namespace, name, dim, value, ..., {options}]; "." repeats the previous line's value
            if (line.isArray() && line.size() >= 2 && line.get(0).isTextual() && !line.get(0).asText().equals(".")) {
                metrics.add(line.get(0).asText() + "/" + line.get(1).asText());
            }
        }));
    }
}
