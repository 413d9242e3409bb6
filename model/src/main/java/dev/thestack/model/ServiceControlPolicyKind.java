package dev.thestack.model;

import java.util.Locale;

/** The service control policies the toolkit writes; an OU lists the ones it wants under {@code policies}. */
public enum ServiceControlPolicyKind {
    DENY_LEAVE_ORGANIZATION("accounts cannot leave the organization"),
    DENY_ROOT_USER("the root user of member accounts can do nothing"),
    DENY_UNGOVERNED_REGIONS("nothing outside the governed regions, except global services"),
    PROTECT_AUDIT_TRAIL("CloudTrail, Config, the Control Tower roles and the log archive cannot be changed"),
    PROTECT_SECURITY_SERVICES("GuardDuty and Security Hub cannot be disabled or detached");

    private final String meaning;

    ServiceControlPolicyKind(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
