package dev.thestack.services.instrumentation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.thestack.services.contract.MetricContract;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.tracing.CaptureMode;
import software.amazon.lambda.powertools.tracing.Tracing;

/**
 * A handler set up as every service's handler is (Powertools' aspects woven in at compile time): it annotates the
 * invocation, records what the test asks, logs one line and answers the trace context it would hand on.
 */
final class InstrumentedHandler implements RequestHandler<InstrumentedHandler.Call, Optional<TraceHeader>> {
    static final String SERVICE = "instrumented";
    static final String ENVIRONMENT = "test";
    static final String LOG_MESSAGE = "handled";
    /** One per execution environment, as a handler's constructor makes it. */
    static final ServiceMetrics METRICS = new ServiceMetrics(SERVICE, ENVIRONMENT);

    private static final Logger LOG = LogManager.getLogger(InstrumentedHandler.class);

    /** @param operation null for a call that ends before its operation is known */
    record Call(String tenant, String operation, Consumer<ServiceMetrics> record) {
    }

    @Override
    @Logging(logEvent = false, clearState = true)
    @Tracing(captureMode = CaptureMode.DISABLED)
    @Metrics(namespace = MetricContract.NAMESPACE, captureColdStart = true)
    public Optional<TraceHeader> handleRequest(Call call, Context context) {
        InvocationAnnotations.tenant(call.tenant());
        if (call.operation() != null) {
            InvocationAnnotations.operation(call.operation());
        }
        call.record().accept(METRICS);
        LOG.info(LOG_MESSAGE);
        return TraceHeader.current();
    }
}
