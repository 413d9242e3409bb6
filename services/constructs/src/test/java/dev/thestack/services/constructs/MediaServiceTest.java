package dev.thestack.services.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thestack.services.contract.MetricContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The MediaService construct's template, synthesized once for the class. */
class MediaServiceTest {
    @TempDir
    static Path folder;
    private static Template template;

    @BeforeAll
    static void synthesize() throws IOException {
        App app = new App();
        Stack stack = new Stack(app, "media-test", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
        new MediaService(stack, "Media", new MediaServiceProps(ServiceProps.builder()
                .environment("integration")
                .logRetentionDays(90)
                .handlerJar(TestJars.empty(folder.resolve("media-lambda.jar")))
                .build(), List.of("https://app.example.com")));
        template = Template.fromStack(stack);
    }

    @Test
    void theBucketIsPrivateEncryptedTlsOnlyAndDropsUnfinishedUploads() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "LifecycleConfiguration", Map.of("Rules", List.of(Map.of(
                        "Id", "abort-unfinished-uploads",
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1),
                        "Status", "Enabled"))),
                "CorsConfiguration", Map.of("CorsRules", List.of(Map.of(
                        "AllowedMethods", List.of("PUT", "GET"),
                        "AllowedOrigins", List.of("https://app.example.com"),
                        "AllowedHeaders", List.of("Content-Type", "If-None-Match"))))));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Action", "s3:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void everyRequestToTheBucketIsLoggedToAnAccessLogBucketThatExpiresWithTheLogRetention() {
        Map<String, Map<String, Object>> expiring = template.findResources("AWS::S3::Bucket", Map.of("Properties",
                Match.objectLike(Map.of("LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of(
                        "ExpirationInDays", 90))))))));
        assertThat(expiring).hasSize(1);
        String accessLogs = expiring.keySet().iterator().next();
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("LoggingConfiguration", Map.of(
                "DestinationBucketName", Map.of("Ref", accessLogs),
                "LogFilePrefix", "media/")));
    }

    @Test
    void theTableIsKeyedByTenantWithTheTwoListIndexes() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "tenantId", "KeyType", "HASH"),
                        Map.of("AttributeName", "attachmentId", "KeyType", "RANGE")),
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "GlobalSecondaryIndexes", List.of(
                        index("byTodo", "todoKey"),
                        index("byUploader", "uploaderKey"))));
    }

    @Test
    void theFunctionRunsTheHandlerWithItsEnvironmentAndALogGroupWithRetention() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", MediaService.HANDLER,
                "Runtime", "java25",
                "MemorySize", MediaService.DEFAULT_MEMORY_MB,
                "Timeout", 30,
                "TracingConfig", Map.of("Mode", "Active"),
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "MEDIA_TABLE_NAME", Match.anyValue(),
                        "MEDIA_BUCKET", Match.anyValue(),
                        "TRANSCODE_ROLE_ARN", Match.anyValue(),
                        MetricContract.ENV_SERVICE_NAME, "media",
                        MetricContract.ENV_ENVIRONMENT, "integration")))));
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 90));
    }

    @Test
    void theFunctionSnapStartsItsPublishedVersionWhichTheLiveAliasNames() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", MediaService.HANDLER,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                // Lambda's own JVM options: C1 only on demand, every tier before the snapshot with SnapStart
                "Environment", Map.of("Variables", Match.not(Match.objectLike(Map.of(
                        "JAVA_TOOL_OPTIONS", Match.anyValue()))))));
        String version = template.findResources("AWS::Lambda::Version").keySet().stream().findFirst().orElseThrow();
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                "Name", "live",
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version"))));
    }

    @Test
    void theFunctionMayTouchOnlyItsTableAttachmentObjectsAndTheTranscodeRole() {
        String policy = String.valueOf(template.findResources("AWS::IAM::Policy").values().stream()
                .filter(resource -> resource.toString().contains("dynamodb:")).findFirst().orElseThrow());

        assertThat(policy).contains("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "/index/byTodo",
                "/index/byUploader",
                "tenants/*/attachments/*/original", "tenants/*/attachments/*/thumbnail", "tenants/*/attachments/*/medium",
                "mediaconvert:CreateJob", ":queues/Default", "iam:PassRole", "iam:PassedToService=mediaconvert.amazonaws.com");
        assertThat(policy).doesNotContain("dynamodb:Scan", "dynamodb:*", "/index/*", "s3:*", "s3:DeleteObject",
                "s3:ListBucket");
    }

    @Test
    void theTranscodeRoleIsMediaConvertsAndReadsOriginalsWritesRenditionsOnly() {
        template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement",
                List.of(Match.objectLike(Map.of("Principal", Map.of("Service", "mediaconvert.amazonaws.com")))))));
        String policy = String.valueOf(template.findResources("AWS::IAM::Policy").values().stream()
                .filter(resource -> resource.toString().contains("hls/*")).findFirst().orElseThrow());

        assertThat(policy).contains("s3:GetObject", "tenants/*/attachments/*/original", "s3:PutObject",
                "tenants/*/attachments/*/hls/*");
        assertThat(policy).doesNotContain("dynamodb", "mediaconvert:");
    }

    @Test
    void anUploadOriginMustBeAnHttpsOrigin() {
        assertThatThrownBy(() -> new MediaServiceProps(ServiceProps.builder().environment("dev").handlerJar(folder).build(),
                List.of("http://app.example.com/upload")))
                .hasMessage("upload origin 'http://app.example.com/upload' is not an https origin such as"
                        + " https://app.example.com (no path, no wildcard)");
    }

    @Test
    void aJarThatWasNotBuiltIsRefusedSayingHowToBuildIt() {
        Path missing = folder.resolve("not-built.jar");

        assertThatThrownBy(() -> new MediaService(new Stack(new App(), "missing-jar"), "Media",
                MediaServiceProps.of(ServiceProps.builder().environment("dev").handlerJar(missing).build())))
                .hasMessage("The media Lambda jar " + missing
                        + " does not exist; build it first (mvn -pl services/media package, or ./stack build)");
    }

    private static Map<String, Object> index(String name, String partitionKey) {
        return Map.of("IndexName", name,
                "KeySchema", List.of(Map.of("AttributeName", partitionKey, "KeyType", "HASH"),
                        Map.of("AttributeName", "createdKey", "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", "ALL"));
    }
}
