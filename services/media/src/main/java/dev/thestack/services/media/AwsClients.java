package dev.thestack.services.media;

import dev.thestack.services.instrumentation.LambdaAwsClients;
import java.util.Map;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The AWS clients of a Lambda execution environment, built for cold starts and traced ({@link LambdaAwsClients}). */
public final class AwsClients {
    /** Optional: another S3 API endpoint (a local server), addressed path-style. */
    public static final String ENV_ENDPOINT = "S3_ENDPOINT";
    /** Optional: another DynamoDB API endpoint (a local server). */
    public static final String ENV_DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";

    private AwsClients() {
    }

    /**
     * Checksums only where S3 requires one, and uploads unchunked: the SDK's default streams every upload as
     * {@code aws-chunked} with a trailing CRC (over plain HTTP, with a signature per chunk), which S3-compatible
     * servers other than S3 store as part of the object. The service writes only small variants, so hashing a
     * whole body costs nothing that matters.
     */
    public static S3ClientBuilder s3(Map<String, String> environment) {
        S3ClientBuilder builder = LambdaAwsClients.configure(S3Client.builder(), environment, ENV_ENDPOINT)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(config -> config.chunkedEncodingEnabled(false));
        String endpoint = environment.get(ENV_ENDPOINT);
        return endpoint != null && !endpoint.isBlank() ? builder.forcePathStyle(true) : builder;
    }

    public static DynamoDbClient dynamoDb(Map<String, String> environment) {
        return LambdaAwsClients.configure(DynamoDbClient.builder(), environment, ENV_DYNAMODB_ENDPOINT).build();
    }
}
