package dev.thestack.services.todo;

import dev.thestack.services.instrumentation.LambdaAwsClients;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB client of a Lambda execution environment. */
public final class DynamoDbClients {
    /** Optional: another DynamoDB API endpoint (a local server) instead of the region's. */
    public static final String ENV_ENDPOINT = "DYNAMODB_ENDPOINT";

    private DynamoDbClients() {
    }

    /** Built for cold starts and traced, as {@link LambdaAwsClients} builds every handler's clients. */
    public static DynamoDbClient fromEnvironment(Map<String, String> environment) {
        return LambdaAwsClients.configure(DynamoDbClient.builder(), environment, ENV_ENDPOINT).build();
    }
}
