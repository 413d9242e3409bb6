package dev.thestack.services.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.thestack.services.instrumentation.TraceHeader.Sampling;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** The trace header through a real SQS API (ElasticMQ in this JVM), sent and received by the AWS SDK. */
class SqsTraceHeadersTest {
    private static final TraceHeader TRACE =
            new TraceHeader("1-5759e988-bd862e3fe1be46a994272793", "53995c3f42cd8ad8", Sampling.SAMPLED);

    private static SQSRestServer server;
    private static SqsClient sqs;
    private static String queueUrl;

    @BeforeAll
    static void startSqs() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        queueUrl = sqs.createQueue(create -> create.queueName("notifications")).queueUrl();
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
        server.stopAndWait();
    }

    @Test
    void requestCarriesTheTraceAsTheSystemAttribute() {
        SendMessageRequest request = SqsTraceHeaders.with(SendMessageRequest.builder().messageBody("{}"), TRACE).build();

        assertThat(request.messageSystemAttributesAsStrings()).containsOnlyKeys("AWSTraceHeader");
        assertThat(request.messageSystemAttributesAsStrings().get("AWSTraceHeader").stringValue())
                .isEqualTo(TRACE.format());
        assertThat(request.messageAttributes()).isEmpty();
    }

    @Test
    void receivedMessageHasTheTraceItWasSentWith() {
        sqs.sendMessage(SqsTraceHeaders.with(SendMessageRequest.builder().queueUrl(queueUrl).messageBody("{\"todo\":1}"),
                TRACE).build());

        List<Message> received = sqs.receiveMessage(receive -> receive.queueUrl(queueUrl)
                .messageSystemAttributeNames(MessageSystemAttributeName.AWS_TRACE_HEADER)
                .waitTimeSeconds(1)).messages();

        assertThat(received).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo("{\"todo\":1}");
            assertThat(SqsTraceHeaders.from(message)).contains(TRACE);
        });
    }

    @Test
    void messageWithoutTraceHasNone() {
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody("untraced"));

        List<Message> received = sqs.receiveMessage(receive -> receive.queueUrl(queueUrl)
                .messageSystemAttributeNames(MessageSystemAttributeName.AWS_TRACE_HEADER)
                .waitTimeSeconds(1)).messages();

        assertThat(received).singleElement().satisfies(message -> assertThat(SqsTraceHeaders.from(message)).isEmpty());
    }

    @Test
    void lambdaSqsEventMessageGivesItsTraceAndAMalformedOneNone() {
        SQSEvent.SQSMessage traced = new SQSEvent.SQSMessage();
        traced.setAttributes(Map.of("AWSTraceHeader", TRACE.format(), "ApproximateReceiveCount", "1"));
        SQSEvent.SQSMessage malformed = new SQSEvent.SQSMessage();
        malformed.setAttributes(Map.of("AWSTraceHeader", "Root=1-zz"));

        assertThat(SqsTraceHeaders.from(traced)).contains(TRACE);
        assertThat(SqsTraceHeaders.from(malformed)).isEmpty();
        assertThat(SqsTraceHeaders.from(new SQSEvent.SQSMessage())).isEmpty();
    }
}
