package dev.thestack.services.instrumentation;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The {@link TraceHeader} on SQS messages: the {@value #ATTRIBUTE} system attribute, which SQS keeps apart from
 * the message attributes (it does not count against their limit of ten). EventBridge also delivers it this way
 * to an SQS target or dead-letter queue. Needs {@code software.amazon.awssdk:sqs}, which this module leaves
 * optional.
 */
public final class SqsTraceHeaders {
    public static final String ATTRIBUTE = "AWSTraceHeader";

    private SqsTraceHeaders() {
    }

    /** A SendMessage request carrying the trace. */
    public static SendMessageRequest.Builder with(SendMessageRequest.Builder message, TraceHeader trace) {
        return message.messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                MessageSystemAttributeValue.builder().dataType("String").stringValue(trace.format()).build()));
    }

    /**
     * The trace of a message ReceiveMessage returned (it must ask for {@value #ATTRIBUTE} in
     * {@code messageSystemAttributeNames}); empty when it has none or a malformed one.
     */
    public static Optional<TraceHeader> from(Message message) {
        return TraceHeader.parseInbound(message.attributes().get(MessageSystemAttributeName.AWS_TRACE_HEADER));
    }

    /** The trace of a message of the SQS event Lambda's event source mapping delivers. */
    public static Optional<TraceHeader> from(SQSEvent.SQSMessage message) {
        return message.getAttributes() == null
                ? Optional.empty()
                : TraceHeader.parseInbound(message.getAttributes().get(ATTRIBUTE));
    }
}
