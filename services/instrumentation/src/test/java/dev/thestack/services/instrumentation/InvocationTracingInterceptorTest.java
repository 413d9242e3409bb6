package dev.thestack.services.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A client built as every handler builds it ({@link LambdaAwsClients}): a call made for an invocation is an X-Ray
 * subsegment of it and sends its trace header; a call made outside any is neither, whatever trace is current. The
 * SQS API is played by a server that answers SQS's JSON protocol and notes the header of every request.
 */
class InvocationTracingInterceptorTest {
    private static final List<String> traceHeaders = new CopyOnWriteArrayList<>();
    private static HttpServer sqs;
    private static SqsClient client;

    @BeforeAll
    static void start() throws Exception {
        sqs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sqs.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                traceHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id")));
                boolean missingQueue = "AmazonSQS.GetQueueUrl".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
                byte[] body = (missingQueue
                        ? "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"no queue named missing\"}"
                        : "{\"QueueUrls\":[]}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(missingQueue ? 400 : 200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        sqs.start();
        client = LambdaAwsClients.configure(SqsClient.builder(), Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "x",
                "AWS_SECRET_ACCESS_KEY", "x",
                "SQS_ENDPOINT", "http://127.0.0.1:" + sqs.getAddress().getPort()), "SQS_ENDPOINT").build();
    }

    @AfterAll
    static void stop() {
        client.close();
        sqs.stop(0);
    }

    @BeforeEach
    void forget() {
        traceHeaders.clear();
    }

    @Test
    void aCallForTheInvocationIsASubsegmentOfItAndSendsItsTrace() {
        Segment segment = AWSXRay.beginSegment("invocation");
        try {
            client.listQueues();
        } finally {
            AWSXRay.clearTraceEntity();
        }

        assertThat(segment.getSubsegments()).singleElement().satisfies(call -> {
            assertThat(call.getName()).isEqualTo("Sqs");
            assertThat(call.getAws()).containsEntry("operation", "ListQueues");
        });
        assertThat(traceHeaders).singleElement().asString().contains("Root=" + segment.getTraceId());
    }

    @Test
    void aCallOutsideAnyInvocationIsNotTracedWhateverTraceIsCurrent() {
        Segment segment = AWSXRay.beginSegment("an invocation that arrived meanwhile");
        try {
            OutsideInvocation.run(client::listQueues);
            assertThat(OutsideInvocation.isActive()).isFalse();
        } finally {
            AWSXRay.clearTraceEntity();
        }

        assertThat(segment.getSubsegments()).isEmpty();
        assertThat(traceHeaders).containsExactly("null");
    }

    @Test
    void aFailedCallOutsideAnyInvocationIsNotTracedEither() {
        Segment segment = AWSXRay.beginSegment("invocation");
        try {
            assertThatThrownBy(() -> OutsideInvocation.run(() -> client.getQueueUrl(get -> get.queueName("missing"))))
                    .hasMessageContaining("no queue named missing");
        } finally {
            AWSXRay.clearTraceEntity();
        }

        assertThat(segment.getSubsegments()).isEmpty();
        assertThat(traceHeaders).containsExactly("null");
    }
}
