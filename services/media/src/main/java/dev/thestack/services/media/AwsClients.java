package dev.thestack.services.media;

import com.amazonaws.xray.interceptors.TracingInterceptor;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The AWS clients of a Lambda execution environment, built for cold starts: the JDK's URL connection instead of
 * a pooled HTTP client, region and credentials straight from the variables Lambda sets instead of probing the
 * default provider chains, and every call an X-Ray subsegment of the invocation.
 */
public final class AwsClients {
    /** Optional: another S3 API endpoint (a local server), addressed path-style. */
    public static final String ENV_ENDPOINT = "S3_ENDPOINT";
    /** Optional: another DynamoDB API endpoint (a local server). */
    public static final String ENV_DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    static final String ENV_REGION = "AWS_REGION";

    private AwsClients() {
    }

    /**
     * Checksums only where S3 requires one, and uploads unchunked: the SDK's default streams every upload as
     * {@code aws-chunked} with a trailing CRC (over plain HTTP, with a signature per chunk), which S3-compatible
     * servers other than S3 store as part of the object. The service writes only small variants, so hashing a
     * whole body costs nothing that matters.
     */
    public static S3ClientBuilder s3(Map<String, String> environment) {
        S3ClientBuilder builder = configure(S3Client.builder(), environment, ENV_ENDPOINT)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(config -> config.chunkedEncodingEnabled(false));
        String endpoint = environment.get(ENV_ENDPOINT);
        return endpoint != null && !endpoint.isBlank() ? builder.forcePathStyle(true) : builder;
    }

    public static DynamoDbClient dynamoDb(Map<String, String> environment) {
        return configure(DynamoDbClient.builder(), environment, ENV_DYNAMODB_ENDPOINT).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Map<String, String> environment, String endpointVariable) {
        builder.httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .overrideConfiguration(config -> config.addExecutionInterceptor(new TracingInterceptor()));
        String region = environment.get(ENV_REGION);
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        String endpoint = environment.get(endpointVariable);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }
}
