package dev.thestack.services.instrumentation;

import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The {@link TraceHeader} on events put to EventBridge: the entry's {@code TraceHeader} field. EventBridge hands
 * it to a Lambda target as the invocation's own trace context (the target reads it with
 * {@link TraceHeader#current()}) and to an SQS target as the message's {@link SqsTraceHeaders#ATTRIBUTE}; the
 * event JSON a target receives never holds it, so there is nothing to read from the event itself. Needs
 * {@code software.amazon.awssdk:eventbridge}, which this module leaves optional.
 */
public final class EventBridgeTraceHeaders {
    private EventBridgeTraceHeaders() {
    }

    /** A PutEvents entry carrying the trace. */
    public static PutEventsRequestEntry.Builder with(PutEventsRequestEntry.Builder entry, TraceHeader trace) {
        return entry.traceHeader(trace.format());
    }
}
