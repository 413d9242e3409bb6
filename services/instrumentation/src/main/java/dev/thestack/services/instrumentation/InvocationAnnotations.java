package dev.thestack.services.instrumentation;

import software.amazon.lambda.powertools.logging.LoggingUtils;
import software.amazon.lambda.powertools.tracing.TracingUtils;

/**
 * What an invocation is about, on its X-Ray subsegment (searchable as annotations: {@code annotation.tenant =
 * "acme"}) and as keys of every later log line of the invocation. Call from inside the handler method that
 * carries Powertools' {@code @Tracing} and {@code @Logging(clearState = true)}, so that the subsegment exists and
 * the keys do not outlive the invocation.
 */
public final class InvocationAnnotations {
    public static final String TENANT = "tenant";
    public static final String OPERATION = "operation";

    private InvocationAnnotations() {
    }

    /** The tenant the request acts for. */
    public static void tenant(String tenant) {
        annotate(TENANT, tenant);
    }

    /** The GraphQL operation that ran, as logs and traces name it (a label for an anonymous one). */
    public static void operation(String operationLabel) {
        annotate(OPERATION, operationLabel);
    }

    private static void annotate(String key, String value) {
        TracingUtils.putAnnotation(key, value);
        LoggingUtils.appendKey(key, value);
    }
}
