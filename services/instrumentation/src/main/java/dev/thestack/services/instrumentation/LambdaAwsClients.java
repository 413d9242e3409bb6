package dev.thestack.services.instrumentation;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How a handler's AWS SDK clients are built in a Lambda execution environment, for cold starts: the JDK's URL
 * connection instead of a pooled HTTP client, region and credentials straight from the variables Lambda sets instead
 * of probing the SDK's default provider chains, and every call an X-Ray subsegment of the invocation.
 */
public final class LambdaAwsClients {
    public static final String ENV_REGION = "AWS_REGION";
    public static final String ENV_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String ENV_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String ENV_SESSION_TOKEN = "AWS_SESSION_TOKEN";
    /** Where a SnapStart function gets its credentials from instead (with AWS_CONTAINER_AUTHORIZATION_TOKEN). */
    public static final String ENV_CONTAINER_CREDENTIALS_FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

    private LambdaAwsClients() {
    }

    /**
     * The builder with Lambda's region, the function's credentials, the URL connection client and the X-Ray
     * interceptor; and, when {@code endpointVariable} is set in the environment, that endpoint (a local server)
     * instead of the region's.
     */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Map<String, String> environment, String endpointVariable) {
        builder.httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials(environment))
                .overrideConfiguration(config -> config.addExecutionInterceptor(new InvocationTracingInterceptor()));
        String region = environment.get(ENV_REGION);
        if (isSet(region)) {
            builder.region(Region.of(region));
        }
        String endpoint = environment.get(endpointVariable);
        if (isSet(endpoint)) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }

    /**
     * The execution role's credentials as Lambda hands them to this function: an on-demand function gets them as
     * {@value #ENV_ACCESS_KEY_ID}, {@value #ENV_SECRET_ACCESS_KEY} and {@value #ENV_SESSION_TOKEN}, which stay the
     * same for the life of the execution environment; a SnapStart function does not get those, but a local
     * endpoint ({@value #ENV_CONTAINER_CREDENTIALS_FULL_URI}, with AWS_CONTAINER_AUTHORIZATION_TOKEN) that the
     * container provider asks, and asks again before they expire, also after a restore. Neither probes anything
     * while it is built.
     */
    public static AwsCredentialsProvider credentials(Map<String, String> environment) {
        String accessKeyId = environment.get(ENV_ACCESS_KEY_ID);
        String secretAccessKey = environment.get(ENV_SECRET_ACCESS_KEY);
        if (isSet(accessKeyId) && isSet(secretAccessKey)) {
            String sessionToken = environment.get(ENV_SESSION_TOKEN);
            return StaticCredentialsProvider.create(isSet(sessionToken)
                    ? AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken)
                    : AwsBasicCredentials.create(accessKeyId, secretAccessKey));
        }
        if (isSet(environment.get(ENV_CONTAINER_CREDENTIALS_FULL_URI))) {
            // reads the endpoint and its token itself, as the SDK reads its settings: the system properties
            // aws.containerCredentialsFullUri and aws.containerAuthorizationToken, else the environment variables
            return ContainerCredentialsProvider.create();
        }
        throw new IllegalStateException("No AWS credentials in the environment: set " + ENV_ACCESS_KEY_ID + " and "
                + ENV_SECRET_ACCESS_KEY + " (as Lambda does for on-demand functions), or "
                + ENV_CONTAINER_CREDENTIALS_FULL_URI + " and AWS_CONTAINER_AUTHORIZATION_TOKEN (as it does with"
                + " SnapStart)");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
