package dev.thestack.services.instrumentation;

import com.amazonaws.xray.interceptors.TracingInterceptor;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * X-Ray's AWS SDK interceptor (a subsegment per call, the trace header on the HTTP request) for the calls made for
 * an invocation. A call made {@link OutsideInvocation outside any} is left untraced: X-Ray's Lambda context takes
 * the trace of whichever invocation is current from a process-wide property, so a priming call still running when
 * the first event arrives would otherwise show up in that request's trace.
 */
public final class InvocationTracingInterceptor implements ExecutionInterceptor {
    // decided once per call, so every hook of a call agrees
    private static final ExecutionAttribute<Boolean> UNTRACED = new ExecutionAttribute<>("thestack.untraced");

    private final ExecutionInterceptor xray;

    public InvocationTracingInterceptor() {
        this(new TracingInterceptor());
    }

    InvocationTracingInterceptor(ExecutionInterceptor xray) {
        this.xray = xray;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (OutsideInvocation.isActive()) {
            attributes.putAttribute(UNTRACED, Boolean.TRUE);
        } else {
            xray.beforeExecution(context, attributes);
        }
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        return untraced(attributes) ? context.httpRequest() : xray.modifyHttpRequest(context, attributes);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!untraced(attributes)) {
            xray.beforeTransmission(context, attributes);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!untraced(attributes)) {
            xray.afterExecution(context, attributes);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (!untraced(attributes)) {
            xray.onExecutionFailure(context, attributes);
        }
    }

    private static boolean untraced(ExecutionAttributes attributes) {
        return Boolean.TRUE.equals(attributes.getAttribute(UNTRACED));
    }
}
