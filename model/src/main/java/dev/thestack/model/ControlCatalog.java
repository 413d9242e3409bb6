package dev.thestack.model;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.thestack.model.ControlBehavior.DETECTIVE;
import static dev.thestack.model.ControlBehavior.PREVENTIVE;
import static dev.thestack.model.ControlBehavior.PROACTIVE;
import static dev.thestack.model.ControlGuidance.ELECTIVE;
import static dev.thestack.model.ControlGuidance.MANDATORY;
import static dev.thestack.model.ControlGuidance.STRONGLY_RECOMMENDED;

/**
 * The Control Tower controls the toolkit knows: every mandatory one (so that listing it can be refused), the
 * strongly recommended ones, and the elective and proactive ones that matter to this stack. Sources for each id and
 * behaviour are in docs/research/control-tower.md; an id is only here when a public AWS source gave it.
 */
public final class ControlCatalog {
    /** The OU-level region deny: the one control with a required parameter. */
    public static final String REGION_DENY = "CT.MULTISERVICE.PV.1";
    /** Proactive controls are CloudFormation hooks; Control Tower refuses them on an OU without this SCP control. */
    public static final String HOOKS_PREREQUISITE = "CT.CLOUDFORMATION.PR.1";
    /**
     * The landing zone's own region deny: set in the console only, never through the API, so it is not in the
     * catalog; listing it gets its own explanation.
     */
    public static final String LANDING_ZONE_REGION_DENY = "AWS-GR_REGION_DENY";

    private static final List<String> NONE = List.of();
    private static final List<String> EXEMPT_PRINCIPALS = List.of("ExemptedPrincipalArns");

    private static final Map<String, ControlDefinition> CONTROLS = new LinkedHashMap<>();

    static {
        // Mandatory: Control Tower applies these to every registered OU by itself.
        mandatory("AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED", PREVENTIVE, "the log archive bucket cannot be deleted");
        mandatory("AWS-GR_AUDIT_BUCKET_PUBLIC_READ_PROHIBITED", DETECTIVE, "reports public read access to the log archive");
        mandatory("AWS-GR_AUDIT_BUCKET_PUBLIC_WRITE_PROHIBITED", DETECTIVE, "reports public write access to the log archive");
        mandatory("AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED", PREVENTIVE, "Control Tower's CloudTrail cannot be changed");
        mandatory("AWS-GR_CLOUDTRAIL_CLOUDWATCH_LOGS_ENABLED", PREVENTIVE, "CloudTrail events go to CloudWatch Logs");
        mandatory("AWS-GR_CLOUDTRAIL_ENABLED", PREVENTIVE, "CloudTrail is on in every available region");
        mandatory("AWS-GR_CLOUDTRAIL_VALIDATION_ENABLED", PREVENTIVE, "CloudTrail log file integrity validation is on");
        mandatory("AWS-GR_CLOUDWATCH_EVENTS_CHANGE_PROHIBITED", PREVENTIVE, "Control Tower's CloudWatch setup cannot be changed");
        mandatory("AWS-GR_CONFIG_AGGREGATION_AUTHORIZATION_POLICY", PREVENTIVE, "Config aggregation authorizations cannot be deleted");
        mandatory("AWS-GR_CONFIG_AGGREGATION_CHANGE_PROHIBITED", PREVENTIVE, "Config aggregation cannot be changed");
        mandatory("AWS-GR_CONFIG_CHANGE_PROHIBITED", PREVENTIVE, "the Config recorder cannot be changed");
        mandatory("AWS-GR_CONFIG_ENABLED", PREVENTIVE, "Config is on in every available region");
        mandatory("AWS-GR_CONFIG_RULE_CHANGE_PROHIBITED", PREVENTIVE, "Config rules set up by Control Tower cannot be changed");
        mandatory("AWS-GR_CT_AUDIT_BUCKET_ENCRYPTION_CHANGES_PROHIBITED", PREVENTIVE, "log archive bucket encryption cannot be changed");
        mandatory("AWS-GR_CT_AUDIT_BUCKET_LIFECYCLE_CONFIGURATION_CHANGES_PROHIBITED", PREVENTIVE, "log archive bucket lifecycle cannot be changed");
        mandatory("AWS-GR_CT_AUDIT_BUCKET_LOGGING_CONFIGURATION_CHANGES_PROHIBITED", PREVENTIVE, "log archive bucket logging cannot be changed");
        mandatory("AWS-GR_CT_AUDIT_BUCKET_POLICY_CHANGES_PROHIBITED", PREVENTIVE, "log archive bucket policy cannot be changed");
        mandatory("AWS-GR_IAM_ROLE_CHANGE_PROHIBITED", PREVENTIVE, "IAM roles set up by Control Tower cannot be changed");
        mandatory("AWS-GR_LAMBDA_CHANGE_PROHIBITED", PREVENTIVE, "Lambda functions set up by Control Tower cannot be changed");
        mandatory("AWS-GR_LOG_GROUP_POLICY", PREVENTIVE, "Control Tower's CloudWatch Logs groups cannot be changed");
        mandatory("AWS-GR_SNS_CHANGE_PROHIBITED", PREVENTIVE, "Control Tower's SNS topics cannot be changed");
        mandatory("AWS-GR_SNS_SUBSCRIPTION_CHANGE_PROHIBITED", PREVENTIVE, "Control Tower's SNS subscriptions cannot be changed");
        mandatory("AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_SHARED_ACCOUNTS", DETECTIVE, "reports shared accounts without CloudTrail");

        // Strongly recommended.
        add("AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS", "8ui9y3oace2513xarz8aqojl7", PREVENTIVE, STRONGLY_RECOMMENDED, "the root user cannot have access keys", NONE, true);
        add("AWS-GR_RESTRICT_ROOT_USER", "5kvme4m5d2b4d7if2fs5yg2ui", PREVENTIVE, STRONGLY_RECOMMENDED, "the root user can do nothing", List.of("ExemptAssumeRoot"), true);
        add("AWS-GR_ROOT_ACCOUNT_MFA_ENABLED", "24izmu4k16gv9tvd7sexnyrfy", DETECTIVE, STRONGLY_RECOMMENDED, "reports a root user without MFA", NONE, true);
        add("AWS-GR_ENCRYPTED_VOLUMES", "503uicglhjkokaajywfpt6ros", DETECTIVE, STRONGLY_RECOMMENDED, "reports unencrypted attached EBS volumes", NONE, true);
        add("AWS-GR_EBS_OPTIMIZED_INSTANCE", "2j9gjxqfo040xtx8kd1jf4ni6", DETECTIVE, STRONGLY_RECOMMENDED, "reports EC2 instances without EBS optimisation", NONE, true);
        add("AWS-GR_EC2_VOLUME_INUSE_CHECK", "8c3i4catfgmyy1e19476v06rr", DETECTIVE, STRONGLY_RECOMMENDED, "reports EBS volumes attached to nothing", NONE, true);
        add("AWS-GR_RDS_INSTANCE_PUBLIC_ACCESS_CHECK", "4jc77cq1lcr7g64xywwypykv8", DETECTIVE, STRONGLY_RECOMMENDED, "reports publicly reachable RDS instances", NONE, true);
        add("AWS-GR_RDS_SNAPSHOTS_PUBLIC_PROHIBITED", "1h4eyqyyonp19dlrreqf1i3w0", DETECTIVE, STRONGLY_RECOMMENDED, "reports public RDS snapshots", NONE, true);
        add("AWS-GR_RDS_STORAGE_ENCRYPTED", "e34kieahgkm0lggs5g0s412jt", DETECTIVE, STRONGLY_RECOMMENDED, "reports unencrypted RDS storage", NONE, true);
        add("AWS-GR_RESTRICTED_COMMON_PORTS", "df2ta5ytg2zatj1q7y5e09u32", DETECTIVE, STRONGLY_RECOMMENDED, "reports unrestricted inbound TCP on common ports", NONE, true);
        add("AWS-GR_RESTRICTED_SSH", "6rilu41n0gb9w6mxrkyewoer4", DETECTIVE, STRONGLY_RECOMMENDED, "reports SSH open to 0.0.0.0/0", NONE, true);
        add("AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED", "8sw3pbid15t9cbww8d2w2qwgf", DETECTIVE, STRONGLY_RECOMMENDED, "reports publicly readable S3 buckets", NONE, true);
        add("AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED", "9j9nwxj789d82sypnukhyyowy", DETECTIVE, STRONGLY_RECOMMENDED, "reports publicly writable S3 buckets", NONE, true);
        add("AWS-GR_DETECT_CLOUDTRAIL_ENABLED_ON_MEMBER_ACCOUNTS", null, DETECTIVE, STRONGLY_RECOMMENDED, "reports member accounts without CloudTrail", NONE, true);

        // Elective.
        add("AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION", "3zbcht7oxkzts9r1z20nz5lcw", PREVENTIVE, ELECTIVE, "S3 cannot replicate to another region", EXEMPT_PRINCIPALS, true);
        add("AWS-GR_RESTRICT_S3_DELETE_WITHOUT_MFA", null, PREVENTIVE, ELECTIVE, "versioned S3 objects cannot be deleted without MFA", NONE, true);
        add("AWS-GR_S3_VERSIONING_ENABLED", null, DETECTIVE, ELECTIVE, "reports S3 buckets without versioning", NONE, true);
        add("AWS-GR_IAM_USER_MFA_ENABLED", "7z1uzm6s8qk7ym7m0sm56cq0u", DETECTIVE, ELECTIVE, "reports IAM users without MFA", NONE, true);
        add("AWS-GR_MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", null, DETECTIVE, ELECTIVE, "reports console IAM users without MFA", NONE, true);
        add("AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED", null, PREVENTIVE, ELECTIVE, "log archive buckets keep their encryption", NONE, true);
        add("AWS-GR_AUDIT_BUCKET_LOGGING_ENABLED", null, PREVENTIVE, ELECTIVE, "log archive buckets keep access logging on", NONE, true);
        add("AWS-GR_AUDIT_BUCKET_RETENTION_POLICY", null, PREVENTIVE, ELECTIVE, "log archive buckets keep their retention policy", NONE, true);
        add("AWS-GR_AUDIT_BUCKET_POLICY_CHANGES_PROHIBITED", "4wtwsih93j7vct3k0pyvrs3e2", PREVENTIVE, ELECTIVE, "log archive bucket policies cannot be changed", EXEMPT_PRINCIPALS, true);
        add("AWS-GR_DISALLOW_CROSS_REGION_NETWORKING", "dvuaav61i5cnfazfelmvn9m6k", PREVENTIVE, ELECTIVE, "no peering or transit gateway links across regions", EXEMPT_PRINCIPALS, true);
        add("AWS-GR_DISALLOW_VPC_INTERNET_ACCESS", "41ngl8m5c4eb1myoz0t707n7h", PREVENTIVE, ELECTIVE, "VPCs cannot get internet access", EXEMPT_PRINCIPALS, true);
        add("AWS-GR_DISALLOW_VPN_CONNECTIONS", "5rlqt6yj6u0v0gb62pqdy4ae", PREVENTIVE, ELECTIVE, "no VPN connections", EXEMPT_PRINCIPALS, true);
        add("AWS-GR_LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED", "b2gzofz99eb7nsuj5g8wcimse", DETECTIVE, ELECTIVE, "reports Lambda functions anyone can invoke", NONE, true);
        add("AWS-GR_S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC", "6wmutsohbkwhfw6sf7cbt5e81", DETECTIVE, ELECTIVE, "reports accounts without S3 Block Public Access", NONE, true);
        add("AWS-GR_EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK", "87qo8rsoettjrxjevmjqcw1tu", DETECTIVE, ELECTIVE, "reports publicly restorable EBS snapshots", NONE, true);
        add("AWS-GR_SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED", "50z1ot237wl8u1lv5ufau6qqo", DETECTIVE, ELECTIVE, "reports subnets that hand out public IPs", NONE, true);
        add("AWS-GR_SSM_DOCUMENT_NOT_PUBLIC", "dfanrd8y5p7oj8fjyugqnakfr", DETECTIVE, ELECTIVE, "reports public SSM documents", NONE, true);
        add(REGION_DENY, "ka8e3pkqefnjsxuyc26ji580", PREVENTIVE, ELECTIVE, "nothing outside the allowed regions, for one OU",
                List.of("AllowedRegions", "ExemptedPrincipalArns", "ExemptedActions"), false);
        add(HOOKS_PREREQUISITE, null, PREVENTIVE, ELECTIVE, "CloudFormation registry types, modules and hooks cannot be managed", NONE, true);

        // Proactive: CloudFormation hooks that refuse a non-compliant resource before it is created.
        add("CT.DYNAMODB.PR.1", null, PROACTIVE, ELECTIVE, "DynamoDB tables have point-in-time recovery", NONE, false);
        add("CT.S3.PR.1", null, PROACTIVE, ELECTIVE, "S3 buckets block public access", NONE, false);
        add("CT.S3.PR.2", null, PROACTIVE, ELECTIVE, "S3 buckets log server access", NONE, false);
        add("CT.S3.PR.7", null, PROACTIVE, ELECTIVE, "S3 buckets encrypt at rest", NONE, false);
        add("CT.S3.PR.8", null, PROACTIVE, ELECTIVE, "S3 bucket policies require TLS", NONE, false);
        add("CT.SQS.PR.1", null, PROACTIVE, ELECTIVE, "SQS queues have a dead-letter queue", NONE, false);
        add("CT.SQS.PR.2", null, PROACTIVE, ELECTIVE, "SQS queues encrypt at rest", NONE, false);
        add("CT.KMS.PR.1", null, PROACTIVE, ELECTIVE, "KMS keys rotate", NONE, false);
        add("CT.LAMBDA.PR.2", null, PROACTIVE, ELECTIVE, "Lambda permissions are not public", NONE, false);
    }

    private ControlCatalog() {
    }

    private static void mandatory(String name, ControlBehavior behavior, String meaning) {
        add(name, null, behavior, MANDATORY, meaning, NONE, true);
    }

    private static void add(String name, String globalId, ControlBehavior behavior, ControlGuidance guidance,
                            String meaning, List<String> parameters, boolean allowedInSecurityOu) {
        CONTROLS.put(name, new ControlDefinition(name, Optional.ofNullable(globalId), behavior, guidance, meaning,
                parameters, allowedInSecurityOu));
    }

    public static List<ControlDefinition> all() {
        return List.copyOf(CONTROLS.values());
    }

    public static Optional<ControlDefinition> find(String name) {
        return Optional.ofNullable(CONTROLS.get(name));
    }

    /** The known names closest to a mistyped one, nearest first: names differ in long shared prefixes, so up to three. */
    public static List<String> nearest(String name, int count) {
        String wanted = name.toUpperCase(java.util.Locale.ROOT);
        return CONTROLS.keySet().stream()
                .sorted(Comparator.comparingInt((String known) -> YamlReader.distance(wanted, known))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(count)
                .toList();
    }
}
