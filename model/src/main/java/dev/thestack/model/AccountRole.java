package dev.thestack.model;

/** What an account is for; the management, logs, audit and monitoring roles each belong to exactly one account. */
public enum AccountRole {
    /** Organizations management account: Control Tower, OUs, accounts, SCPs, tag policies. */
    MANAGEMENT,
    /** Control Tower log archive: the central log bucket and cross-account log delivery. */
    LOGS,
    /** Control Tower audit account: security tooling. */
    AUDIT,
    /** CloudWatch cross-account observability sink, on-call dashboards, alarm routing. */
    MONITORING,
    /** Runs the workload of one environment. */
    WORKLOAD;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
