package dev.thestack.model;

import java.util.Optional;

/**
 * The Control Tower landing zone of the organization.
 *
 * @param version                  landing zone version, pinned so an upgrade is a reviewed change
 * @param sandboxOu                3.3 only: the OU Control Tower creates as its sandbox OU (path)
 * @param logRetentionDays         how long the log archive bucket keeps CloudTrail and Config logs
 * @param accessLogRetentionDays   how long the access-logging bucket keeps its logs
 * @param identityCenter           Control Tower manages IAM Identity Center (the manifest's accessManagement)
 * @param baselineVersion          version of AWSControlTowerBaseline enabled on each OU to register it
 * @param maxConcurrentControlOperations how many EnabledControl resources CloudFormation may create at once
 */
public record ControlTower(LandingZoneVersion version, Optional<String> sandboxOu, int logRetentionDays,
                           int accessLogRetentionDays, boolean identityCenter, String baselineVersion,
                           int maxConcurrentControlOperations) {
    /**
     * Control Tower's documented limit of control operations in progress at once. The limits page has said 10 and,
     * in a later revision, 100 (20 of them proactive); 10 is safe under both.
     */
    public static final int CONTROL_OPERATIONS_LIMIT = 10;
    public static final int DEFAULT_LOG_RETENTION_DAYS = 365;
    /** Control Tower's bound on the log archive's retention: 15 years (a practitioner's write-up; see docs/research). */
    public static final int MAX_LOG_RETENTION_DAYS = 5475;
    public static final int DEFAULT_ACCESS_LOG_RETENTION_DAYS = 3650;
    public static final String DEFAULT_BASELINE_VERSION = "4.0";
}
