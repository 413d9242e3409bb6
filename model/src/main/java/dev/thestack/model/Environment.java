package dev.thestack.model;

/** @param logRetentionDays retention of every log group in this environment's accounts (a CloudWatch Logs value) */
public record Environment(String name, int logRetentionDays) {
}
