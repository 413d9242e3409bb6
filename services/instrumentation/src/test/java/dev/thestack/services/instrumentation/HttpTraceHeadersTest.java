package dev.thestack.services.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thestack.services.instrumentation.TraceHeader.Sampling;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpTraceHeadersTest {
    private static final TraceHeader TRACE =
            new TraceHeader("1-5759e988-bd862e3fe1be46a994272793", "53995c3f42cd8ad8", Sampling.SAMPLED);

    @Test
    void outgoingHeadersGetTheTraceInPlaceOfAnyForwardedOne() {
        Map<String, String> headers = HttpTraceHeaders.with(
                Map.of("x-tenant-id", "acme", "x-amzn-trace-id", "Root=1-00000000-000000000000000000000000"), TRACE);

        assertThat(headers).containsOnly(
                Map.entry("x-tenant-id", "acme"),
                Map.entry("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"));
    }

    @Test
    void incomingHeaderIsReadInAnyCaseAndAMalformedOneIsNoTrace() {
        assertThat(HttpTraceHeaders.from(Map.of("x-amzn-trace-id", TRACE.format()))).contains(TRACE);
        assertThat(HttpTraceHeaders.from(Map.of("X-Amzn-Trace-Id", "Root=nope"))).isEmpty();
        assertThat(HttpTraceHeaders.from(Map.of("x-tenant-id", "acme"))).isEmpty();
    }
}
