package dev.thestack.model;

/**
 * An X-Ray group (AWS::XRay::Group): the traces matching a filter expression, with their own service graph and
 * CloudWatch metrics.
 *
 * @param name          at most 32 characters of letters, digits, '_' and '-'
 * @param filter        X-Ray filter expression, e.g. {@code fault = true} or {@code annotation.operation = "CreateTodo"}
 * @param insights      X-Ray Insights on for the group
 * @param notifications Insights notifications to EventBridge (only with insights on)
 */
public record TraceGroup(String name, String filter, boolean insights, boolean notifications) {
}
