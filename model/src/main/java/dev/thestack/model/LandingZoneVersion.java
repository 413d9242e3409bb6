package dev.thestack.model;

import java.util.Arrays;
import java.util.List;

/**
 * The Control Tower landing zone versions the toolkit can build a manifest for. They differ in who owns the
 * security and sandbox OUs: 3.3 creates them itself (named in the manifest), 4.0 leaves every OU to the user.
 */
public enum LandingZoneVersion {
    V3_3("3.3"), V4_0("4.0");

    private final String text;

    LandingZoneVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** 3.3 creates the security and sandbox OUs and restricts which controls the security OU may carry. */
    public boolean controlTowerCreatesSecurityAndSandboxOus() {
        return this == V3_3;
    }

    public static List<String> texts() {
        return Arrays.stream(values()).map(LandingZoneVersion::text).toList();
    }
}
