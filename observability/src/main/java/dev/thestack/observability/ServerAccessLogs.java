package dev.thestack.observability;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Buckets receiving S3 server access logs. S3 delivers them only to a bucket of the same account and region, and
 * only to one encrypted with S3-managed keys (SSE-S3), so each account that logs a bucket keeps one of these.
 */
public final class ServerAccessLogs {
    private ServerAccessLogs() {
    }

    /** A private, TLS-only, versioned bucket whose logs expire after {@code retentionDays}. */
    public static Bucket bucket(Construct scope, String id, int retentionDays, RemovalPolicy removal) {
        return Bucket.Builder.create(scope, id)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                // the S3 log delivery service writes the objects; the bucket owner must own them to read them
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .expiration(Duration.days(retentionDays))
                        .noncurrentVersionExpiration(Duration.days(7))
                        .build()))
                .removalPolicy(removal)
                .build();
    }
}
