package dev.thestack.app;

import dev.thestack.governance.ControlTowerRoles;
import dev.thestack.observability.LogDelivery;
import software.amazon.awscdk.services.sqs.Queue;
import dev.thestack.observability.XRayTracing;
import software.amazon.awscdk.services.lambda.Function;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import dev.thestack.services.constructs.MediaService;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.s3.Bucket;

import java.util.List;

/**
 * Every cdk-nag suppression of the toolkit, each with the reason an auditor reads in the nag report. A finding
 * that is not suppressed here fails `./stack synth`.
 */
final class NagSuppressionsCatalog {
    private NagSuppressionsCatalog() {
    }

    static void serviceFunctions(List<Function> functions) {
        functions.forEach(function -> NagSuppressions.addResourceSuppressions(function.getRole(), List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions; "
                                + "'*' is the only resource they accept (granted by Lambda active tracing).")
                        .appliesTo(List.of("Resource::*"))
                        .build()), true));
    }

    static void mediaService(MediaService media) {
        String bucketId = Stack.of(media).getLogicalId((CfnElement) media.bucket().getNode().getDefaultChild());
        // the key of every object names its tenant and attachment, neither known at deploy time
        RegexAppliesTo attachmentObjects = RegexAppliesTo.builder()
                .regex("/^Resource::<" + bucketId + "\\.Arn>\\/tenants\\/\\*\\/attachments\\/\\*\\/([a-z]+(\\/\\*)?|\\*)$/")
                .build();
        String reason = "Media objects live at tenants/<tenant>/attachments/<id>/<file>; the tenant and the "
                + "attachment id are known only at run time, so the statement fixes the bucket, the layout and the "
                + "file (original, variants, HLS renditions) and wildcards those two path segments only.";
        List.of(media.function().getRole(), media.transcodeRole()).forEach(role ->
                NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason(reason)
                        .appliesTo(List.of(attachmentObjects))
                        .build()), true));
    }

    static void deadLetterQueues(List<Queue> queues) {
        queues.forEach(queue -> NagSuppressions.addResourceSuppressions(queue, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("This queue is the dead-letter queue of an alarm-delivery step (EventBridge target or SNS "
                        + "subscription); a dead-letter queue of its own would only move the problem. Its depth is alarmed.")
                .build()), true));
    }

    static void logDelivery(LogDelivery delivery, Bucket archive) {
        String archiveId = Stack.of(archive).getLogicalId((CfnElement) archive.getNode().getDefaultChild());
        NagSuppressions.addResourceSuppressions(delivery.firehoseRole(), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("Firehose names its objects itself (date path, random suffix), so it may write any object, "
                        + "but only below the archive's " + LogDelivery.PREFIX + " prefix; every other statement names "
                        + "one bucket, key or log stream.")
                .appliesTo(List.of("Resource::<" + archiveId + ".Arn>/" + LogDelivery.PREFIX + "*"))
                .build()), true);
    }

    static void controlTowerRoles(ControlTowerRoles roles) {
        NagSuppressions.addResourceSuppressions(roles, List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM4")
                        .reason("Control Tower's API setup prescribes these AWS managed policies for its service roles "
                                + "(AWSControlTowerServiceRolePolicy, AWSControlTowerCloudTrailRolePolicy, "
                                + "AWSConfigRoleForOrganizations); landing zone 4.0 refuses an inline CloudTrail policy.")
                        .build(),
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("ec2:DescribeAvailabilityZones takes no resource ARN; the StackSet role assumes "
                                + "AWSControlTowerExecution in every member account, whose ids the role cannot list.")
                        .build()), true);
    }

    static void xrayTracing(XRayTracing tracing) {
        tracing.encryption().ifPresent(encryption -> NagSuppressions.addResourceSuppressions(encryption.setting(),
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("xray:PutEncryptionConfig has no resource-level permissions (the X-Ray developer guide "
                                + "lists only the group and sampling-rule actions as supporting them), so '*' is the "
                                + "only resource it accepts; the role has no other action on '*'.")
                        .appliesTo(List.of("Resource::*"))
                        .build()), true));
    }
}
