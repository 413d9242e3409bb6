package dev.thestack.observability;

import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;

import java.util.List;
import java.util.Objects;

/**
 * @param organizationId         only principals of this organization may subscribe log groups to the destination
 * @param destinationName        name of the CloudWatch Logs destination (and of its delivery stream); the senders
 *                               compute the destination's ARN from it ({@link LogDelivery#destinationArn})
 * @param senderAccountIds       accounts whose CloudWatch Logs may deliver through the destination
 * @param archive                the bucket the logs land in
 * @param archiveKey             the key that encrypts the bucket; it also encrypts the delivery stream at rest
 * @param errorLogRetentionDays  retention of the delivery stream's own error log (a CloudWatch Logs value)
 */
public record LogDeliveryProps(String organizationId, String destinationName, List<String> senderAccountIds,
                               IBucket archive, IKey archiveKey, int errorLogRetentionDays) {
    public LogDeliveryProps {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(destinationName, "destinationName");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(archiveKey, "archiveKey");
        senderAccountIds = List.copyOf(senderAccountIds);
    }
}
