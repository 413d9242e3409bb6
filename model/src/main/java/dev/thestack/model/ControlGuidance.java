package dev.thestack.model;

/**
 * Control Tower's guidance for a control. Mandatory controls are applied by Control Tower itself and cannot be
 * enabled through its API (so never through CloudFormation); the other two are the user's choice.
 */
public enum ControlGuidance {
    MANDATORY("mandatory"), STRONGLY_RECOMMENDED("strongly recommended"), ELECTIVE("elective");

    private final String label;

    ControlGuidance(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
