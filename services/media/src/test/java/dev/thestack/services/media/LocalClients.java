package dev.thestack.services.media;

import dev.thestack.services.awslocal.S3rverExtension;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/** The service's own clients, built as in Lambda but pointed at the local servers. */
final class LocalClients {
    private LocalClients() {
    }

    static S3Client s3(S3rverExtension server) {
        return AwsClients.s3(Map.of(AwsClients.ENV_ENDPOINT, server.endpoint().toString(),
                        AwsClients.ENV_REGION, S3rverExtension.REGION.id()))
                .credentialsProvider(S3rverExtension.CREDENTIALS)
                .build();
    }
}
