package dev.thestack.model;

/** How a Control Tower control acts: an SCP that refuses, a Config rule that reports, or a CloudFormation hook. */
public enum ControlBehavior {
    PREVENTIVE, DETECTIVE, PROACTIVE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
