package dev.thestack.observability;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

import java.util.List;

/**
 * The central log archive of the logs account: a KMS-encrypted, versioned, object-locked bucket that moves logs
 * to colder storage as they age, with its own access log. Nothing here is ever deleted with the stack.
 */
public final class LogArchive extends Construct {
    private final Bucket archive;
    private final Bucket accessLogs;
    private final Key key;

    public LogArchive(Construct scope, String id, int accessLogRetentionDays) {
        super(scope, id);
        this.key = Key.Builder.create(this, "Key")
                .description("Encrypts the organization's log archive")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // S3 server access logs can only be delivered to SSE-S3 buckets, hence a second, S3-managed key here.
        this.accessLogs = ServerAccessLogs.bucket(this, "AccessLogs", accessLogRetentionDays, RemovalPolicy.RETAIN);
        this.archive = Bucket.Builder.create(this, "Archive")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .versioned(true)
                .objectLockEnabled(true)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("archive/")
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .transitions(List.of(
                                Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                                        .transitionAfter(Duration.days(30)).build(),
                                Transition.builder().storageClass(StorageClass.GLACIER)
                                        .transitionAfter(Duration.days(90)).build()))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    public Bucket archive() {
        return archive;
    }

    public Bucket accessLogs() {
        return accessLogs;
    }

    public Key key() {
        return key;
    }
}
