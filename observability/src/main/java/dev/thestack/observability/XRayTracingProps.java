package dev.thestack.observability;

import dev.thestack.model.Tracing;

import java.util.Objects;

/**
 * @param tracing          the model's tracing section (or its defaults)
 * @param logRetentionDays retention of the log group of the function that sets X-Ray's encryption (a CloudWatch
 *                         Logs value: the account's environment's)
 */
public record XRayTracingProps(Tracing tracing, int logRetentionDays) {
    public XRayTracingProps {
        Objects.requireNonNull(tracing, "tracing");
        LogRetention.of(logRetentionDays);
    }
}
