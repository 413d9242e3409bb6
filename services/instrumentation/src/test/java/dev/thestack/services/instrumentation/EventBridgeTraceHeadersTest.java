package dev.thestack.services.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.thestack.services.instrumentation.TraceHeader.Sampling;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * The trace header on PutEvents as the AWS SDK sends it: to a loopback server that answers as EventBridge's
 * JSON 1.1 API does and keeps the request.
 */
class EventBridgeTraceHeadersTest {
    private static final TraceHeader TRACE =
            new TraceHeader("1-5759e988-bd862e3fe1be46a994272793", "53995c3f42cd8ad8", Sampling.SAMPLED);

    @Test
    void putEventsSendsTheTraceInTheEntrysTraceHeaderField() throws IOException {
        AtomicReference<String> target = new AtomicReference<>();
        AtomicReference<String> body = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            target.set(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"11710aed-b79e-4468-a20b-bb3c0c3b4860\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        try (EventBridgeClient events = EventBridgeClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            PutEventsRequestEntry entry = EventBridgeTraceHeaders.with(PutEventsRequestEntry.builder()
                    .source("thestack.todo").detailType("TodoCreated").detail("{\"id\":\"1\"}"), TRACE).build();

            PutEventsResponse response = events.putEvents(put -> put.entries(entry));

            assertThat(response.failedEntryCount()).isZero();
            assertThat(target.get()).isEqualTo("AWSEvents.PutEvents");
            JsonNode sent = new ObjectMapper().readTree(body.get()).path("Entries").path(0);
            assertThat(sent.path("TraceHeader").asText()).isEqualTo(TRACE.format());
            assertThat(sent.path("Detail").asText()).isEqualTo("{\"id\":\"1\"}");
        } finally {
            server.stop(0);
        }
    }
}
