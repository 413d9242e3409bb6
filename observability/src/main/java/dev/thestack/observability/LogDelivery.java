package dev.thestack.observability;

import dev.thestack.model.StableJson;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iam.ServicePrincipalOpts;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.logs.CfnDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cross-account delivery of CloudWatch Logs into the log archive (logs account): a CloudWatch Logs destination that
 * only principals of the organization may subscribe log groups to, and behind it a Firehose delivery stream that
 * writes what arrives into the archive bucket under {@value #PREFIX}, encrypted with the archive's key.
 * <p>
 * The destination has a fixed name, so a workload account computes its ARN ({@link #destinationArn}) from the model
 * and needs no parameter. Because the access policy admits the organization rather than listing accounts, each
 * sender's subscription filter names a role of its own account ({@link LogSubscriptions}). Delivery failures land
 * under {@value #ERROR_PREFIX}; the stream's own error log keeps its entries for a retention from the model.
 */
public final class LogDelivery extends Construct {
    /** Where delivered log batches land in the archive; the stream's role may write nowhere else. */
    public static final String PREFIX = "cloudwatch-logs/";
    /** Below {@link #PREFIX}: records Firehose could not deliver, by error type and day. */
    public static final String ERROR_PREFIX = PREFIX + "failed/";
    /** Log stream of the delivery stream's error log, as Firehose's documentation names it. */
    public static final String ERROR_LOG_STREAM = "DestinationDelivery";

    private final String destinationArn;
    private final Role firehoseRole;

    public LogDelivery(Construct scope, String id, LogDeliveryProps props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String region = stack.getRegion();
        String account = stack.getAccount();
        String bucketArn = props.archive().getBucketArn();

        LogGroup errorLog = LogGroup.Builder.create(this, "ErrorLog")
                .logGroupName("/aws/kinesisfirehose/" + props.destinationName())
                .retention(LogRetention.of(props.errorLogRetentionDays()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        LogStream errorStream = LogStream.Builder.create(this, "ErrorLogStream")
                .logGroup(errorLog)
                .logStreamName(ERROR_LOG_STREAM)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        this.firehoseRole = Role.Builder.create(this, "FirehoseRole")
                // the external id is the account that owns the stream, as Firehose's documentation advises
                .assumedBy(new ServicePrincipal("firehose.amazonaws.com", ServicePrincipalOpts.builder()
                        .conditions(Map.of("StringEquals", Map.of("sts:ExternalId", account))).build()))
                .description("Firehose: write delivered CloudWatch Logs under " + PREFIX + " of the log archive, "
                        + "with its key, and report delivery errors")
                .inlinePolicies(Map.of("ArchiveDelivery", PolicyDocument.Builder.create().statements(List.of(
                        statement(List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"),
                                List.of(bucketArn)),
                        statement(List.of("s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"),
                                List.of(bucketArn + "/" + PREFIX + "*")),
                        PolicyStatement.Builder.create()
                                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                                .resources(List.of(props.archiveKey().getKeyArn()))
                                .conditions(Map.of(
                                        "StringEquals", Map.of("kms:ViaService", "s3." + region + ".amazonaws.com"),
                                        // with S3 Bucket Keys the context is the bucket; without, the object
                                        "StringLike", Map.of("kms:EncryptionContext:aws:s3:arn",
                                                List.of(bucketArn, bucketArn + "/" + PREFIX + "*"))))
                                .build(),
                        statement(List.of("logs:PutLogEvents"), List.of("arn:aws:logs:" + region + ":" + account
                                + ":log-group:" + errorLog.getLogGroupName() + ":log-stream:"
                                + errorStream.getLogStreamName()))))
                        .build()))
                .build();

        CfnDeliveryStream stream = CfnDeliveryStream.Builder.create(this, "Stream")
                .deliveryStreamName(props.destinationName())
                .deliveryStreamType("DirectPut")
                .deliveryStreamEncryptionConfigurationInput(
                        CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty.builder()
                                .keyType("CUSTOMER_MANAGED_CMK")
                                .keyArn(props.archiveKey().getKeyArn())
                                .build())
                .extendedS3DestinationConfiguration(CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty.builder()
                        .bucketArn(bucketArn)
                        .roleArn(firehoseRole.getRoleArn())
                        .prefix(PREFIX + "delivered/!{timestamp:yyyy/MM/dd}/")
                        .errorOutputPrefix(ERROR_PREFIX + "!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/")
                        .bufferingHints(CfnDeliveryStream.BufferingHintsProperty.builder()
                                .intervalInSeconds(300).sizeInMBs(5).build())
                        // CloudWatch Logs already gzips what it sends to a subscription: compressing again gains nothing
                        .compressionFormat("UNCOMPRESSED")
                        .encryptionConfiguration(CfnDeliveryStream.EncryptionConfigurationProperty.builder()
                                .kmsEncryptionConfig(CfnDeliveryStream.KMSEncryptionConfigProperty.builder()
                                        .awskmsKeyArn(props.archiveKey().getKeyArn()).build())
                                .build())
                        .cloudWatchLoggingOptions(CfnDeliveryStream.CloudWatchLoggingOptionsProperty.builder()
                                .enabled(true)
                                .logGroupName(errorLog.getLogGroupName())
                                .logStreamName(errorStream.getLogStreamName())
                                .build())
                        .build())
                .build();

        Role logsRole = Role.Builder.create(this, "LogsRole")
                .assumedBy(new ServicePrincipal("logs.amazonaws.com", ServicePrincipalOpts.builder()
                        .conditions(Map.of("StringLike", Map.of("aws:SourceArn",
                                sourceArns(region, account, props.senderAccountIds())))).build()))
                .description("CloudWatch Logs: put the organization's subscribed log events into " + props.destinationName())
                .inlinePolicies(Map.of("PutIntoDeliveryStream", PolicyDocument.Builder.create().statements(List.of(
                        statement(List.of("firehose:PutRecord", "firehose:PutRecordBatch"),
                                List.of(stream.getAttrArn())))).build()))
                .build();

        this.destinationArn = destinationArn(region, account, props.destinationName());
        CfnDestination.Builder.create(this, "Destination")
                .destinationName(props.destinationName())
                .targetArn(stream.getAttrArn())
                .roleArn(logsRole.getRoleArn())
                .destinationPolicy(stack.toJsonString(StableJson.sorted(accessPolicy(destinationArn, props.organizationId()))))
                .build();
    }

    /** The destination's name for an organization: fixed, so that senders can compute its ARN. */
    public static String destinationName(String organizationName) {
        return organizationName + "-log-delivery";
    }

    /** The ARN a sender's subscription filter names; the model refuses partitions other than {@code aws}. */
    public static String destinationArn(String region, String accountId, String destinationName) {
        return "arn:aws:logs:" + region + ":" + accountId + ":destination:" + destinationName;
    }

    /**
     * Who may subscribe: any principal, provided it belongs to the organization. CloudWatch Logs destination policies
     * take this form for an organization (a statement on the destination with {@code aws:PrincipalOrgID}).
     */
    static Map<String, Object> accessPolicy(String destinationArn, String organizationId) {
        // ordered maps: the policy is a string property, so key order must not change from one synthesis to the next
        return ordered(
                "Version", "2012-10-17",
                "Statement", List.of(ordered(
                        "Sid", "SubscribeFromAccountsOfTheOrganizationOnly",
                        "Effect", "Allow",
                        // "*" is narrowed to the organization by the condition below
                        "Principal", "*",
                        "Action", "logs:PutSubscriptionFilter",
                        "Resource", destinationArn,
                        "Condition", ordered("StringEquals", ordered("aws:PrincipalOrgID", organizationId)))));
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Confused-deputy guard: CloudWatch Logs may use the role only for the senders' and this account's logs. */
    private static List<String> sourceArns(String region, String ownAccount, List<String> senders) {
        Set<String> accounts = new LinkedHashSet<>(senders);
        accounts.add(ownAccount);
        List<String> arns = new ArrayList<>();
        accounts.forEach(a -> arns.add("arn:aws:logs:" + region + ":" + a + ":*"));
        return arns;
    }

    private static PolicyStatement statement(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }

    /** The destination's ARN, as {@link #destinationArn} computes it for the senders. */
    public String destinationArn() {
        return destinationArn;
    }

    /** The role Firehose writes to the archive with (its object permission is limited to {@link #PREFIX}). */
    public Role firehoseRole() {
        return firehoseRole;
    }
}
