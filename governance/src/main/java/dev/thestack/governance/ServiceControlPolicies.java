package dev.thestack.governance;

import dev.thestack.model.ConfigException;
import dev.thestack.model.OrganizationalUnit;
import dev.thestack.model.Problem;
import dev.thestack.model.ServiceControlPolicyKind;
import dev.thestack.model.StackConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Service control policies as code. Each kind is a list of statements; the kinds an OU selects are consolidated
 * into as few policies as fit the size limit, because Organizations allows only a handful of SCPs per target.
 */
public final class ServiceControlPolicies {
    /** Organizations' limit on an SCP document, in characters (the minified JSON we upload). */
    public static final int MAX_POLICY_CHARACTERS = 5120;
    /** Organizations' limit on SCPs attached to one target (root, OU or account). */
    public static final int MAX_POLICIES_PER_TARGET = 5;
    /** Every target keeps AWS's FullAWSAccess: detaching it denies everything. */
    public static final int AWS_POLICIES_PER_TARGET = 1;
    /**
     * Control Tower packs the SCP-based controls of an OU it governs into its own aws-guardrails-* policies. No AWS
     * page states how many; a practitioner's account of 2 per OU is the highest figure found, so 2 are reserved.
     */
    public static final int CONTROL_TOWER_POLICIES_PER_OU = 2;

    /** How many SCPs of ours an OU can carry: what Organizations allows minus AWS's and Control Tower's own. */
    public static int policiesLeftPerOu(StackConfig config) {
        return MAX_POLICIES_PER_TARGET - AWS_POLICIES_PER_TARGET
                - (config.controlTower().isPresent() ? CONTROL_TOWER_POLICIES_PER_OU : 0);
    }

    /**
     * Services whose endpoints are global (served from us-east-1) or that must work from anywhere for the
     * organization to run: the region deny leaves them alone, as Control Tower's own region deny does.
     */
    public static final List<String> GLOBAL_SERVICE_ACTIONS = List.of(
            "a4b:*", "access-analyzer:*", "account:*", "acm:*", "aws-marketplace:*", "aws-portal:*", "billing:*",
            "budgets:*", "ce:*", "chatbot:*", "chime:*", "cloudfront:*", "config:*", "cur:*", "directconnect:*",
            "ec2:DescribeRegions", "ec2:DescribeTransitGateways", "ec2:DescribeVpnGateways", "ecr-public:*",
            "fms:*", "freetier:*", "globalaccelerator:*", "health:*", "iam:*", "importexport:*", "invoicing:*",
            "kms:*", "mobileanalytics:*", "networkmanager:*", "notifications:*", "organizations:*", "payments:*",
            "pricing:*", "resource-explorer-2:*", "route53:*", "route53domains:*", "route53-recovery-cluster:*",
            "route53-recovery-control-config:*", "route53-recovery-readiness:*", "s3:GetAccountPublic*",
            "s3:GetBucketLocation", "s3:ListAllMyBuckets", "s3:ListMultiRegionAccessPoints", "s3:PutAccountPublic*",
            "savingsplans:*", "shield:*", "sso:*", "sts:*", "support:*", "tag:GetResources", "tax:*",
            "trustedadvisor:*", "waf-regional:*", "waf:*", "wafv2:*", "wellarchitected:*");

    /** Roles Control Tower and Organizations act through: the guardrails must never lock them out. */
    static final List<String> PLATFORM_ROLES = List.of("arn:aws:iam::*:role/AWSControlTowerExecution",
            "arn:aws:iam::*:role/aws-controltower-*", "arn:aws:iam::*:role/stacksets-exec-*",
            "arn:aws:iam::*:role/OrganizationAccountAccessRole");


    private ServiceControlPolicies() {
    }

    /** One consolidated policy document of an OU, ready to attach. */
    public record PolicyDocument(List<ServiceControlPolicyKind> kinds, Map<String, Object> content, int characters) {
    }

    /**
     * The documents for one OU, consolidated. Throws a {@link ConfigException} naming the OU's key path when a
     * statement cannot fit the size limit or the OU would carry more SCPs than Organizations allows.
     */
    public static List<PolicyDocument> forUnit(StackConfig config, OrganizationalUnit ou) {
        return forUnit(config, ou, MAX_POLICY_CHARACTERS, policiesLeftPerOu(config));
    }

    /** With the limits as parameters, so both errors can be shown with the small set of policies we have. */
    static List<PolicyDocument> forUnit(StackConfig config, OrganizationalUnit ou, int maxCharacters, int policiesLeft) {
        String path = "organizationalUnits[" + config.organizationalUnits().indexOf(ou) + "].policies";
        List<PolicyDocument> documents = new ArrayList<>();
        List<ServiceControlPolicyKind> pending = new ArrayList<>();
        for (ServiceControlPolicyKind kind : ou.policies()) {
            List<ServiceControlPolicyKind> tried = new ArrayList<>(pending);
            tried.add(kind);
            if (size(document(config, tried)) <= maxCharacters) {
                pending = tried;
                continue;
            }
            if (pending.isEmpty()) {
                throw new ConfigException("stack.yaml", List.of(new Problem(path, "policy " + kind.yamlName()
                        + " alone is " + size(document(config, tried)) + " characters, over the SCP limit of "
                        + maxCharacters, "govern fewer regions or split the policy")));
            }
            documents.add(toDocument(config, pending));
            pending = new ArrayList<>(List.of(kind));
        }
        if (!pending.isEmpty()) {
            documents.add(toDocument(config, pending));
        }
        if (documents.size() > policiesLeft) {
            throw new ConfigException("stack.yaml", List.of(new Problem(path, "OU '" + ou.path() + "' would carry "
                    + documents.size() + " SCPs of ours; Organizations allows " + MAX_POLICIES_PER_TARGET
                    + " per target, and after FullAWSAccess" + (config.controlTower().isPresent()
                    ? " and the " + CONTROL_TOWER_POLICIES_PER_OU + " Control Tower attaches" : "")
                    + " there is room for " + policiesLeft,
                    "attach some of these policies to a parent OU instead (they bind everything below it)")));
        }
        return documents;
    }

    private static PolicyDocument toDocument(StackConfig config, List<ServiceControlPolicyKind> kinds) {
        Map<String, Object> content = document(config, kinds);
        return new PolicyDocument(List.copyOf(kinds), content, size(content));
    }

    static Map<String, Object> document(StackConfig config, List<ServiceControlPolicyKind> kinds) {
        List<Object> statements = new ArrayList<>();
        kinds.forEach(kind -> statements.addAll(statements(config, kind)));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", statements);
        return document;
    }

    static int size(Map<String, Object> document) {
        return PolicySize.of(document);
    }

    static List<Map<String, Object>> statements(StackConfig config, ServiceControlPolicyKind kind) {
        Map<String, Object> exceptPlatformRoles = Map.of("ArnNotLike", Map.of("aws:PrincipalARN", PLATFORM_ROLES));
        return switch (kind) {
            case DENY_LEAVE_ORGANIZATION -> List.of(deny("DenyLeaveOrganization", List.of("organizations:LeaveOrganization"),
                    List.of("*"), null));
            case DENY_ROOT_USER -> List.of(deny("DenyRootUser", List.of("*"), List.of("*"),
                    Map.of("StringLike", Map.of("aws:PrincipalArn", List.of("arn:aws:iam::*:root")))));
            case DENY_UNGOVERNED_REGIONS -> List.of(statement("DenyUngovernedRegions", "NotAction",
                    GLOBAL_SERVICE_ACTIONS, List.of("*"), Map.of(
                            "StringNotEquals", Map.of("aws:RequestedRegion", config.organization().governedRegions()),
                            "ArnNotLike", Map.of("aws:PrincipalARN", PLATFORM_ROLES))));
            case PROTECT_AUDIT_TRAIL -> List.of(
                    deny("ProtectCloudTrail", List.of("cloudtrail:DeleteTrail", "cloudtrail:PutEventSelectors",
                            "cloudtrail:StopLogging", "cloudtrail:UpdateTrail"), List.of("*"), exceptPlatformRoles),
                    deny("ProtectConfig", List.of("config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel",
                            "config:DeleteRetentionConfiguration", "config:PutConfigurationRecorder",
                            "config:PutDeliveryChannel", "config:PutRetentionConfiguration",
                            "config:StopConfigurationRecorder"), List.of("*"), exceptPlatformRoles),
                    deny("ProtectControlTowerRoles", List.of("iam:AttachRolePolicy", "iam:CreateRole", "iam:DeleteRole",
                            "iam:DeleteRolePermissionsBoundary", "iam:DeleteRolePolicy", "iam:DetachRolePolicy",
                            "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy",
                            "iam:UpdateRole", "iam:UpdateRoleDescription"),
                            List.of("arn:aws:iam::*:role/aws-controltower-*", "arn:aws:iam::*:role/*AWSControlTower*",
                                    "arn:aws:iam::*:role/stacksets-exec-*"), exceptPlatformRoles),
                    deny("ProtectLogArchive", List.of("s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:DeleteObjectVersion",
                            "s3:PutBucketPolicy", "s3:PutBucketObjectLockConfiguration", "s3:PutLifecycleConfiguration",
                            "s3:PutEncryptionConfiguration"),
                            List.of("arn:aws:s3:::aws-controltower-logs-*", "arn:aws:s3:::aws-controltower-s3-access-logs-*",
                                    "arn:aws:s3:::" + config.organization().name() + "-log-archive-*"), exceptPlatformRoles));
            case PROTECT_SECURITY_SERVICES -> List.of(
                    deny("ProtectGuardDuty", List.of("guardduty:DeleteDetector", "guardduty:DeleteMembers",
                            "guardduty:DisassociateFromAdministratorAccount", "guardduty:DisassociateFromMasterAccount",
                            "guardduty:DisassociateMembers", "guardduty:StopMonitoringMembers", "guardduty:UpdateDetector"),
                            List.of("*"), exceptPlatformRoles),
                    deny("ProtectSecurityHub", List.of("securityhub:DeleteMembers", "securityhub:DisableSecurityHub",
                            "securityhub:DisassociateFromAdministratorAccount", "securityhub:DisassociateFromMasterAccount",
                            "securityhub:DisassociateMembers"), List.of("*"), exceptPlatformRoles));
        };
    }

    private static Map<String, Object> deny(String sid, List<String> actions, List<String> resources,
                                            Map<String, Object> condition) {
        return statement(sid, "Action", actions, resources, condition);
    }

    private static Map<String, Object> statement(String sid, String actionKey, List<String> actions,
                                                 List<String> resources, Map<String, Object> condition) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", sid);
        statement.put("Effect", "Deny");
        statement.put(actionKey, actions);
        statement.put("Resource", resources);
        if (condition != null) {
            statement.put("Condition", condition);
        }
        return statement;
    }
}
