package dev.thestack.services.todo;

import com.amazonaws.xray.interceptors.TracingInterceptor;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The DynamoDB client of a Lambda execution environment. */
public final class DynamoDbClients {
    /** Optional: another DynamoDB API endpoint (a local server) instead of the region's. */
    public static final String ENV_ENDPOINT = "DYNAMODB_ENDPOINT";
    private static final String ENV_REGION = "AWS_REGION";

    private DynamoDbClients() {
    }

    /**
     * Built for cold starts: the JDK's URL connection instead of a pooled HTTP client, and the region and
     * credentials straight from the variables Lambda sets instead of probing the default provider chains.
     * Every call becomes an X-Ray subsegment of the invocation.
     */
    public static DynamoDbClient fromEnvironment(Map<String, String> environment) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .overrideConfiguration(config -> config.addExecutionInterceptor(new TracingInterceptor()));
        String region = environment.get(ENV_REGION);
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        String endpoint = environment.get(ENV_ENDPOINT);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
