package dev.thestack.services.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The credentials of both kinds of Lambda function: on-demand (the role's keys as variables) and SnapStart (a local
 * HTTP endpoint, played here by a server that answers as Lambda's does: the token checked, the keys as JSON).
 */
class LambdaAwsClientsTest {
    private static final String TOKEN = "container-authorization-token";
    // the SDK reads the endpoint and its token from these properties first, then from the environment variables
    // AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN, which a test cannot set
    private static final String URI_PROPERTY = "aws.containerCredentialsFullUri";
    private static final String TOKEN_PROPERTY = "aws.containerAuthorizationToken";

    private HttpServer credentialsEndpoint;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCredentialsEndpoint() throws Exception {
        credentialsEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        credentialsEndpoint.createContext("/2021-04-23/credentials", exchange -> {
            try (exchange) {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                authorizations.add(String.valueOf(authorization));
                if (!TOKEN.equals(authorization)) {
                    exchange.sendResponseHeaders(403, -1);
                    return;
                }
                byte[] body = ("{\"AccessKeyId\":\"ASIASNAPSTART\",\"SecretAccessKey\":\"restored-secret\","
                        + "\"Token\":\"restored-session\",\"Expiration\":\""
                        + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        credentialsEndpoint.start();
        System.setProperty(URI_PROPERTY, credentialsUri());
        System.setProperty(TOKEN_PROPERTY, TOKEN);
    }

    @AfterEach
    void stopCredentialsEndpoint() {
        System.clearProperty(URI_PROPERTY);
        System.clearProperty(TOKEN_PROPERTY);
        credentialsEndpoint.stop(0);
    }

    private String credentialsUri() {
        return "http://127.0.0.1:" + credentialsEndpoint.getAddress().getPort() + "/2021-04-23/credentials";
    }

    @Test
    void onDemandFunctionUsesTheRoleKeysLambdaSetsAsVariables() {
        AwsCredentials credentials = LambdaAwsClients.credentials(Map.of(
                "AWS_ACCESS_KEY_ID", "ASIAONDEMAND", "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "session")).resolveCredentials();

        assertThat(credentials).isInstanceOfSatisfying(AwsSessionCredentials.class, session -> {
            assertThat(session.accessKeyId()).isEqualTo("ASIAONDEMAND");
            assertThat(session.secretAccessKey()).isEqualTo("secret");
            assertThat(session.sessionToken()).isEqualTo("session");
        });
        assertThat(authorizations).isEmpty();
    }

    @Test
    void snapStartFunctionAsksTheContainerEndpointWithItsToken() {
        AwsCredentials credentials = LambdaAwsClients.credentials(
                Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentialsUri())).resolveCredentials();

        assertThat(credentials).isInstanceOfSatisfying(AwsSessionCredentials.class, session -> {
            assertThat(session.accessKeyId()).isEqualTo("ASIASNAPSTART");
            assertThat(session.secretAccessKey()).isEqualTo("restored-secret");
            assertThat(session.sessionToken()).isEqualTo("restored-session");
        });
        assertThat(authorizations).containsExactly(TOKEN);
    }

    @Test
    void buildingTheProviderAsksNothingUntilAClientSignsARequest() {
        SQSRestServer sqs = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        try {
            int port = sqs.waitUntilStarted().localAddress().getPort();
            try (SqsClient client = LambdaAwsClients.configure(SqsClient.builder(), Map.of(
                    "AWS_REGION", "eu-west-1",
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", credentialsUri(),
                    "SQS_ENDPOINT", "http://127.0.0.1:" + port), "SQS_ENDPOINT").build()) {
                assertThat(authorizations).isEmpty();

                client.createQueue(create -> create.queueName("signed-with-container-credentials"));

                assertThat(client.listQueues().queueUrls()).singleElement().asString()
                        .endsWith("/signed-with-container-credentials");
                // fetched once and cached until shortly before they expire
                assertThat(authorizations).containsExactly(TOKEN);
            }
        } finally {
            sqs.stopAndWait();
        }
    }

    @Test
    void withoutEitherKindTheErrorNamesTheVariablesToSet() {
        assertThatThrownBy(() -> LambdaAwsClients.credentials(Map.of("AWS_REGION", "eu-west-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No AWS credentials in the environment: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                        + " (as Lambda does for on-demand functions), or AWS_CONTAINER_CREDENTIALS_FULL_URI and"
                        + " AWS_CONTAINER_AUTHORIZATION_TOKEN (as it does with SnapStart)");
    }
}
