package dev.thestack.services.media;

import dev.thestack.services.awslocal.S3rverExtension;
import dev.thestack.services.instrumentation.LambdaAwsClients;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.s3.S3Client;

/** The service's own clients, built as in Lambda but pointed at the local servers. */
final class LocalClients {
    private LocalClients() {
    }

    static S3Client s3(S3rverExtension server) {
        AwsCredentials credentials = S3rverExtension.CREDENTIALS.resolveCredentials();
        return AwsClients.s3(Map.of(AwsClients.ENV_ENDPOINT, server.endpoint().toString(),
                        LambdaAwsClients.ENV_REGION, S3rverExtension.REGION.id(),
                        LambdaAwsClients.ENV_ACCESS_KEY_ID, credentials.accessKeyId(),
                        LambdaAwsClients.ENV_SECRET_ACCESS_KEY, credentials.secretAccessKey()))
                .build();
    }
}
