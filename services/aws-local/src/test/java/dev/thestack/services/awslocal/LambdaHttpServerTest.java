package dev.thestack.services.awslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LambdaHttpServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    /** Keeps what the handler was given and answers with a fixed response. */
    private static final class Recording implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
        final AtomicReference<APIGatewayProxyRequestEvent> event = new AtomicReference<>();
        final AtomicReference<Context> context = new AtomicReference<>();
        final APIGatewayProxyResponseEvent response;

        Recording(APIGatewayProxyResponseEvent response) {
            this.response = response;
        }

        @Override
        public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context lambdaContext) {
            event.set(input);
            context.set(lambdaContext);
            return response;
        }
    }

    @Test
    void postReachesTheHandlerAsAnApiGatewayProxyEvent() throws Exception {
        Recording handler = new Recording(new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("{}"));
        try (LambdaHttpServer server = LambdaHttpServer.builder().handler(handler).functionName("todo").start()) {
            send(HttpRequest.newBuilder(server.uri().resolve("/graphql?debug=1&tag=a&tag=b%20c"))
                    .header("Content-Type", "application/json")
                    .header("X-Tenant-Id", "acme")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ todos { id } }\"}")));

            APIGatewayProxyRequestEvent event = handler.event.get();
            assertThat(event.getHttpMethod()).isEqualTo("POST");
            assertThat(event.getPath()).isEqualTo("/graphql");
            assertThat(event.getBody()).isEqualTo("{\"query\":\"{ todos { id } }\"}");
            assertThat(event.getIsBase64Encoded()).isFalse();
            assertThat(headerIgnoringCase(event.getHeaders(), "x-tenant-id")).isEqualTo("acme");
            assertThat(headerIgnoringCase(event.getHeaders(), "content-type")).isEqualTo("application/json");
            assertThat(event.getQueryStringParameters()).containsEntry("debug", "1").containsEntry("tag", "b c");
            assertThat(event.getMultiValueQueryStringParameters()).containsEntry("tag", List.of("a", "b c"));
            assertThat(event.getRequestContext().getRequestId()).isNotBlank()
                    .isEqualTo(handler.context.get().getAwsRequestId());
            assertThat(event.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
            assertThat(handler.context.get().getFunctionName()).isEqualTo("todo");
        }
    }

    @Test
    void everyRequestGetsItsOwnRequestId() throws Exception {
        Recording handler = new Recording(new APIGatewayProxyResponseEvent().withStatusCode(204));
        try (LambdaHttpServer server = LambdaHttpServer.builder().handler(handler).start()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                send(HttpRequest.newBuilder(server.uri()).GET());
                ids.add(handler.event.get().getRequestContext().getRequestId());
            }
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(handler.event.get().getBody()).isNull();
            assertThat(handler.event.get().getQueryStringParameters()).isNull();
        }
    }

    @Test
    void theHandlersResponseBecomesTheHttpResponse() throws Exception {
        Recording handler = new Recording(new APIGatewayProxyResponseEvent()
                .withStatusCode(405)
                .withHeaders(Map.of("Allow", "POST", "Content-Type", "application/json"))
                .withMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1", "b=2")))
                .withBody("{\"errors\":[{\"message\":\"no\"}]}"));
        try (LambdaHttpServer server = LambdaHttpServer.builder().handler(handler).start()) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri()).GET());
            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("POST");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
            assertThat(response.body()).isEqualTo("{\"errors\":[{\"message\":\"no\"}]}");
        }
    }

    @Test
    void binaryBodiesTravelBase64EncodedBothWays() throws Exception {
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41};
        Recording handler = new Recording(new APIGatewayProxyResponseEvent().withStatusCode(200)
                .withIsBase64Encoded(true).withBody(Base64.getEncoder().encodeToString(notUtf8)));
        try (LambdaHttpServer server = LambdaHttpServer.builder().handler(handler).start()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(server.uri())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(notUtf8)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(handler.event.get().getIsBase64Encoded()).isTrue();
            assertThat(Base64.getDecoder().decode(handler.event.get().getBody())).isEqualTo(notUtf8);
            assertThat(response.body()).isEqualTo(notUtf8);
        }
    }

    @Test
    void aFailingHandlerIsA502AsApiGatewayAnswersIt() throws Exception {
        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> throwing = (event, context) -> {
            throw new IllegalStateException("secret internal detail");
        };
        Recording noStatus = new Recording(new APIGatewayProxyResponseEvent().withBody("{}"));
        for (RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler : List.of(throwing, noStatus)) {
            try (LambdaHttpServer server = LambdaHttpServer.builder().handler(handler).start()) {
                HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri()).GET());
                assertThat(response.statusCode()).isEqualTo(502);
                assertThat(response.body()).isEqualTo("{\"message\": \"Internal server error\"}")
                        .doesNotContain("secret");
            }
        }
    }

    @Test
    void servesAsManyRequestsAtOnceAsItHasWorkerThreads() throws Exception {
        int parallel = 8;
        CountDownLatch allInside = new CountDownLatch(parallel);
        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> waitsForTheOthers = (event, context) -> {
            allInside.countDown();
            try {
                // only returns once every request is inside the handler at the same time
                boolean together = allInside.await(10, TimeUnit.SECONDS);
                return new APIGatewayProxyResponseEvent().withStatusCode(together ? 200 : 504);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new APIGatewayProxyResponseEvent().withStatusCode(500);
            }
        };
        try (LambdaHttpServer server = LambdaHttpServer.builder().handler(waitsForTheOthers).workerThreads(parallel).start()) {
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                responses.add(http.sendAsync(HttpRequest.newBuilder(server.uri()).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get(15, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void closingReleasesThePort() throws Exception {
        LambdaHttpServer server = LambdaHttpServer.builder()
                .handler(new Recording(new APIGatewayProxyResponseEvent().withStatusCode(200))).start();
        URI uri = server.uri();
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        server.close();
        assertThatThrownBy(() -> send(HttpRequest.newBuilder(uri).GET())).isInstanceOf(ConnectException.class);
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> LambdaHttpServer.builder().workerThreads(0))
                .hasMessage("workerThreads must be at least 1, but is 0");
        assertThatThrownBy(() -> LambdaHttpServer.builder().port(70000))
                .hasMessage("port must be 0 (any free port) to 65535, but is 70000");
        assertThatThrownBy(() -> LambdaHttpServer.builder().start()).hasMessage("handler");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String headerIgnoringCase(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
