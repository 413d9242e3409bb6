package dev.thestack.services.instrumentation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@link TraceHeader} on HTTP requests between services (the router's calls to its subgraphs). */
public final class HttpTraceHeaders {
    private HttpTraceHeaders() {
    }

    /** The headers of an outgoing request with the trace header set, replacing one in any other spelling. */
    public static Map<String, String> with(Map<String, String> headers, TraceHeader trace) {
        Map<String, String> withTrace = new LinkedHashMap<>(headers);
        withTrace.keySet().removeIf(TraceHeader.HTTP_HEADER::equalsIgnoreCase);
        withTrace.put(TraceHeader.HTTP_HEADER, trace.format());
        return withTrace;
    }

    /** The trace a caller sent, its header name in any case; empty when there is none or it is malformed. */
    public static Optional<TraceHeader> from(Map<String, String> headers) {
        return headers.entrySet().stream()
                .filter(header -> TraceHeader.HTTP_HEADER.equalsIgnoreCase(header.getKey()))
                .findFirst()
                .flatMap(header -> TraceHeader.parseInbound(header.getValue()));
    }
}
